// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/trace_dataset.hpp — replaying a request trace (spec load-generation §7.5–7.6):
// the Dataset policies `mooncake_trace`, `bailian_trace` and `burst_gpt_trace`, one template over
// the non-template loader below.
//
// Loading follows the spec's order: read and validate the whole file (trace_file.hpp) -> keep
// rows inside the start/end offsets -> skip rows over --synthesis-max-isl, cap output at
// --synthesis-max-osl -> group rows into sessions (file order; Bailian by `turn`) -> the
// synthesis transform when a --synthesis-*-multiplier is not 1 (trace_synthesis.hpp: new hash
// ids and lengths, resampled output lengths; with a prefix-root multiplier r each row keeps one
// of its r trees, so every prompt still has exactly its row's length) -> divide timestamps by
// --synthesis-speedup-ratio -> prompts.
//
// Prompts from hash ids (prefix-cache faithful): a row of input_length n with hash ids
// h0..h(m-1) and block size B gets blocks of B tokens for h0..h(m-2) and a last block of
// n-(m-1)*B tokens.  A block's text is a pure function of (seed, hash id, size): equal hash ids
// give byte-identical blocks whatever order rows are read in, so a server's prefix cache sees
// exactly the trace's reuse.  Block texts concatenate without changing their token counts
// (prompt_generator.hpp), so no separator token is needed and a prompt has exactly n tokens.
#pragma once
#include <aiperf/concepts/dataset.hpp>
#include <aiperf/conversation.hpp>
#include <aiperf/datasets/dataset_options.hpp>
#include <aiperf/datasets/trace_file.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
class tokenizer;
class token_corpus;

namespace datasets {

/// What loading did, for the run log.
struct trace_load_report {
  std::size_t rows = 0;                 // rows read from the file
  std::size_t skipped_by_offsets = 0;   // outside --fixed-schedule-start/end-offset
  std::size_t skipped_by_max_isl = 0;   // input_length > --synthesis-max-isl
  std::size_t capped_by_max_osl = 0;    // output_length lowered to --synthesis-max-osl
  bool synthesized = false;             // the synthesis transform was applied
  std::size_t unique_blocks = 0;        // distinct (hash id, size) blocks generated
  std::size_t unique_block_bytes = 0;   // their text, each counted once
  std::size_t prompt_tokens = 0;        // sum of every prompt's input tokens
};

/// Hash-id blocks and the prompts made of them (see the file comment).  Copies share one store:
/// the texts stay where they are as long as any copy (or conversation::shared_text) holds it.
class hash_block_prompts {
 public:
  /// Blocks cut from the built-in corpus tokenized with `tok`; `seed` fixes every block's text.
  AIPERF_DECL hash_block_prompts(tokenizer const& tok, std::uint64_t seed, std::size_t block_size);
  /// Appends to `out` the blocks of the prompt of `input_length` tokens for `hash_ids` (empty:
  /// one fresh text, not shared).  std::invalid_argument with the spec's sentence when the
  /// lengths do not fit the block size.
  AIPERF_DECL void append_prompt(std::int64_t input_length, std::span<const std::int64_t> hash_ids,
                                 std::vector<std::string_view>& out);
  /// The blocks (hash id, tokens) of a prompt of `input_length` tokens over `hash_ids`: `block_size`
  /// tokens each, the last one what is left.  std::invalid_argument with the spec's sentence when
  /// the lengths do not fit the block size.
  [[nodiscard]] AIPERF_DECL std::vector<std::pair<std::int64_t, std::size_t>> layout(
      std::int64_t input_length, std::span<const std::int64_t> hash_ids) const;
  /// The text of block `id` with `size` tokens (generated on first use, then kept).
  AIPERF_DECL std::string_view block(std::int64_t id, std::size_t size);
  /// Generates the blocks (id, size) not made yet, on up to `threads` threads: a block is a pure
  /// function of (seed, id, size), so the texts are the same as one by one.
  AIPERF_DECL void generate(std::span<const std::pair<std::int64_t, std::size_t>> keys, unsigned threads);
  [[nodiscard]] std::size_t block_size() const noexcept { return block_size_; }
  [[nodiscard]] AIPERF_DECL std::size_t unique_blocks() const noexcept;
  /// Bytes of all block texts (each counted once) and of the fresh texts.
  [[nodiscard]] AIPERF_DECL std::size_t unique_block_bytes() const noexcept;
  /// The store, to keep alive while views into it are used (conversation::shared_text).
  [[nodiscard]] std::shared_ptr<const void> storage() const noexcept { return s_; }

 private:
  struct state;
  std::shared_ptr<state> s_;
  std::size_t block_size_;
};

/// Loads `file` in `format` and turns its rows into conversations (the non-template core of
/// trace<F>::build).  Every problem is a trace_error naming FILE:LINE.
AIPERF_DECL std::vector<conversation> load_trace_conversations(std::filesystem::path const& file, trace_format format,
                                                               trace_load_options const& options,
                                                               dataset_context const& ctx,
                                                               trace_load_report* report = nullptr);

/// One line for the run log: rows read, skipped and capped, unique blocks and their bytes.
AIPERF_DECL std::string describe(trace_load_report const& r, std::filesystem::path const& file, trace_format format);

/// The Dataset policy for one trace format: `mooncake_trace`, `bailian_trace`, `burst_gpt_trace`.
template <trace_format F>
struct trace {
  static constexpr trace_format format = F;
  static constexpr std::string_view name = F == trace_format::mooncake  ? "mooncake_trace"
                                           : F == trace_format::bailian ? "bailian_trace"
                                                                        : "burst_gpt_trace";
  static constexpr std::string_view description =
      F == trace_format::mooncake  ? "Mooncake JSONL trace (--input-file): timestamp ms, input_length + hash_ids (block 512) or text_input, output_length, session_id, delay"
      : F == trace_format::bailian ? "Alibaba Bailian JSONL trace (--input-file): chat_id/parent_chat_id sessions, timestamp s, input_length + hash_ids (block 16)"
                                   : "BurstGPT CSV trace (--input-file): Timestamp s, Request tokens, Response tokens";
  /// Prompts are cut to exact token counts, so building needs the run's tokenizer.
  static constexpr bool needs_tokenizer = true;
  /// Rows carry timestamps: replay on them (--fixed-schedule) unless told otherwise.
  static constexpr bool is_trace = true;

  std::filesystem::path file = {};
  trace_load_options options = {};

  /// Whether `file` reads as this format (its first record; for auto-detection).
  static bool can_load(std::filesystem::path const& file) { return detect_trace_format(file) == F; }

  static trace from_options(dataset_options const& o) {
    trace t;
    t.file = o.input_file;
    t.options = o.trace;
    return t;
  }
  std::vector<conversation> build(dataset_context const& ctx) const {
    trace_load_report report;
    auto convs = load_trace_conversations(file, F, options, ctx, &report);
    if (ctx.log) ctx.log(describe(report, file, F));
    return convs;
  }
};

using mooncake_trace = trace<trace_format::mooncake>;
using bailian_trace = trace<trace_format::bailian>;
using burst_gpt_trace = trace<trace_format::burst_gpt>;

static_assert(Dataset<mooncake_trace>);

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/trace_dataset.ipp>
#endif
