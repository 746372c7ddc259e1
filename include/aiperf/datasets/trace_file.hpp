// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/trace_file.hpp — reading request traces (spec load-generation §7.6.4–7.6.7):
// Mooncake JSONL, Alibaba Bailian JSONL and BurstGPT CSV, each turned into the same rows in
// milliseconds.  What the rows become (prompts from hash ids, sessions, a fixed schedule) is the
// trace dataset's job (datasets/trace_dataset.hpp); `aiperf analyze-trace` reads the same rows.
//
// Every problem is a trace_error whose message starts with "FILE:LINE: FIELD: " (or the spec's
// own sentence where it gives one), and the whole file is checked before anything is used:
// nothing is half-replayed.
#pragma once
#include <aiperf/config.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace datasets {

/// A trace file that cannot be used; what() names the file, the line and the field.
class trace_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class trace_format {
  mooncake,   // JSONL: timestamp (ms), input_length | text_input | messages | payload, output_length,
              // hash_ids, session_id, delay, tools, extra, message_mode
  bailian,    // JSONL: chat_id, parent_chat_id, timestamp (s), input_length, output_length, type, turn, hash_ids
  burst_gpt,  // CSV: Timestamp (s), Request tokens, Response tokens (other columns ignored)
};

/// The name --custom-dataset-type uses: "mooncake_trace", "bailian_trace", "burst_gpt_trace".
AIPERF_DECL std::string_view trace_format_name(trace_format f) noexcept;
/// The inverse of trace_format_name; nullopt for any other name.
AIPERF_DECL std::optional<trace_format> trace_format_from_name(std::string_view name) noexcept;
/// Default hash-id block size in tokens: mooncake 512, bailian 16, burst_gpt 0 (no hash ids).
AIPERF_DECL std::size_t default_block_size(trace_format f) noexcept;

/// One request of a trace, after the format's unit conversion (seconds -> milliseconds).
struct trace_row {
  std::size_t line = 0;                 // 1-based line in the file (CSV: the data row's line)
  std::optional<double> timestamp_ms;   // absolute send time; nullopt when the row has none
  std::optional<double> delay_ms;       // think time after the session's previous turn completed
  std::int64_t input_length = -1;       // prompt tokens; -1 when text_input gives the prompt
  std::string text_input = {};          // a literal prompt (mooncake `text_input`)
  std::int64_t output_length = -1;      // max output tokens; -1 when the row does not say
  std::vector<std::int64_t> hash_ids = {};  // prefix-cache blocks (only with input_length)
  std::string session_id = {};          // empty: the row is its own single-turn session
  std::int64_t turn = 1;                // order within its session (bailian `turn`; else file order)
  // Mooncake only (V-main+ fields), each minified JSON; empty when absent:
  std::string payload = {};             // `payload`: the whole request body, sent verbatim
  std::string messages = {};            // `messages`: an OpenAI message list
  std::string tools = {};               // `tools` (only with messages)
  std::vector<std::pair<std::string, std::string>> extra = {};  // `extra` members (key, value)
  bool delta = false;                   // `message_mode: "delta"` (default "history")
  std::string raw_text = {};            // the text contents of messages / payload (token counting)
};

/// Reads and validates the whole file.  Empty lines are skipped.  Bailian rows get session_id =
/// their root chat_id (parent chains followed; cycles and missing parents end a chain) and keep
/// their `turn`; BurstGPT rows with unparsable values are skipped, as the spec says.
AIPERF_DECL std::vector<trace_row> read_trace(std::filesystem::path const& file, trace_format format);

/// The format of a trace file judged from its first record (BurstGPT by its CSV header, Bailian by
/// `chat_id`, Mooncake by `input_length` / `text_input` / `hash_ids`); nullopt when none fits.
AIPERF_DECL std::optional<trace_format> detect_trace_format(std::filesystem::path const& file);

/// Whether the file's first record carries a timestamp (spec §4.1: a timestamped trace is
/// replayed on its timestamps unless told otherwise).  BurstGPT rows always have one.
AIPERF_DECL bool first_record_has_timestamp(std::filesystem::path const& file, trace_format format);

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/trace_file.ipp>
#endif
