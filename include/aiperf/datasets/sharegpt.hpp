// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/sharegpt.hpp — the ShareGPT public dataset (spec load-generation §7.9,
// `--public-dataset sharegpt`), read from a local copy: nothing is ever downloaded.
//
// The file (ShareGPT_V3_unfiltered_cleaned_split.json) is one JSON array of
//   {"id": "...", "conversations": [{"from": "human", "value": "..."}, {"from": "gpt", "value": "..."}, ...]}
// Each entry gives one single-turn conversation: the prompt is conversations[0].value and
// max_tokens the token count of conversations[1].value in the run's tokenizer.  Entries are kept
// in file order, except those the vLLM benchmark's rules skip: fewer than 2 messages, a prompt
// of fewer than 4 tokens, a reply of fewer than 4 tokens (not checked when --osl is given), a
// prompt of more than 1024 tokens, or prompt + reply of more than 2048 tokens.
#pragma once
#include <aiperf/concepts/dataset.hpp>
#include <aiperf/conversation.hpp>
#include <aiperf/datasets/dataset_options.hpp>
#include <aiperf/datasets/trace_file.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace datasets {

/// Where a public dataset's local copy is looked for when no path is given: AIPerf's cache
/// directory, relative to the working directory.
inline constexpr std::string_view public_dataset_cache_dir = ".cache/aiperf/datasets";

/// The local copy of the public file `file_name`: `given` when it is a file, `given`/file_name
/// when it is a directory, <public_dataset_cache_dir>/file_name when `given` is empty.  When there
/// is none, a trace_error in one line says where it was looked for and where to get it (`url`).
AIPERF_DECL std::filesystem::path locate_public_dataset(std::filesystem::path const& given, std::string_view file_name,
                                                        std::string_view url);

/// What the vLLM filter did, for the run log.
struct sharegpt_report {
  std::size_t entries = 0;               // entries in the file
  std::size_t kept = 0;                  // conversations made
  std::size_t too_few_messages = 0;      // fewer than 2 messages
  std::size_t prompt_too_short = 0;      // prompt < 4 tokens
  std::size_t completion_too_short = 0;  // reply < 4 tokens (only when checked)
  std::size_t prompt_too_long = 0;       // prompt > 1024 tokens
  std::size_t total_too_long = 0;        // prompt + reply > 2048 tokens
};

/// The vLLM benchmark's length rules (tokens).
inline constexpr std::int64_t sharegpt_min_tokens = 4;           // prompt, and reply unless --osl
inline constexpr std::int64_t sharegpt_max_prompt_tokens = 1024;
inline constexpr std::int64_t sharegpt_max_total_tokens = 2048;  // prompt + reply

/// Why an entry is skipped (spec §7.9, the vLLM benchmark's rules), in the order they are checked.
enum class sharegpt_skip : std::uint8_t {
  keep,
  too_few_messages,
  prompt_too_short,
  prompt_too_long,
  completion_too_short,
  total_too_long,
};

/// The vLLM filter on one entry's token counts; `check_completion` is false when --osl is given
/// (an empty reply is still skipped: it would ask for 0 tokens).
AIPERF_DECL sharegpt_skip sharegpt_filter(std::int64_t prompt_tokens, std::int64_t completion_tokens,
                                          bool check_completion) noexcept;

/// Reads a local ShareGPT file into single-turn conversations (see the file comment).  Entries
/// that are not of ShareGPT's shape are trace_errors naming FILE:LINE and the field.
AIPERF_DECL std::vector<conversation> load_sharegpt(std::filesystem::path const& file, bool check_completion,
                                                    dataset_context const& ctx, sharegpt_report* report = nullptr);

/// One line for the run log: entries read, kept, and skipped by each rule.
AIPERF_DECL std::string describe(sharegpt_report const& r, std::filesystem::path const& file);

struct sharegpt {
  static constexpr std::string_view name = "sharegpt";
  static constexpr std::string_view description =
      "ShareGPT conversations from a local copy (--input-file, or .cache/aiperf/datasets/): first prompt, "
      "max_tokens = first reply's tokens, vLLM length filter";
  static constexpr std::string_view file_name = "ShareGPT_V3_unfiltered_cleaned_split.json";
  static constexpr std::string_view url =
      "https://huggingface.co/datasets/anon8231489123/ShareGPT_Vicuna_unfiltered/resolve/main/"
      "ShareGPT_V3_unfiltered_cleaned_split.json";
  /// Prompts and replies are counted with the run's tokenizer.
  static constexpr bool needs_tokenizer = true;

  std::filesystem::path input = {};  // the file, or the directory holding it ("" = the cache directory)
  bool check_completion = true;      // false when --osl is given (spec §7.9)

  /// The local file this dataset reads; trace_error (one line) when there is none.
  std::filesystem::path locate() const { return locate_public_dataset(input, file_name, url); }

  static sharegpt from_options(dataset_options const& o) { return sharegpt{o.input_file, !o.osl_mean.has_value()}; }
  std::vector<conversation> build(dataset_context const& ctx) const {
    const auto file = locate();
    sharegpt_report report;
    auto convs = load_sharegpt(file, check_completion, ctx, &report);
    if (ctx.log) ctx.log(describe(report, file));
    return convs;
  }
};

static_assert(Dataset<sharegpt>);

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/sharegpt.ipp>
#endif
