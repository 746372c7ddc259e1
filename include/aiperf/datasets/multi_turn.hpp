// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/multi_turn.hpp — the `multi_turn` input file (spec load-generation §7.6.2):
// one conversation per line, its turns sent in order on one session, each carrying the earlier
// turns as history.
//
//   {"session_id": "chat_1", "turns": [{"text": "What is ML?"}, {"text": "Example?", "delay": 2000}]}
//   {"session_id": "chat_2", "turns": [{"role": "system", "text": "Be terse."}, {"text": "Explain NNs."}]}
//
// Each turn is a single_turn record (single_turn.hpp: `text` | `texts`, `output_length`,
// `timestamp` | `delay`, media, `extra`, role `user`); `delay` is the think time (ms) after the
// previous answer.
// A leading text-only `role: "system"` turn without timestamp, delay or output_length is not a
// request: it becomes the conversation's system message.  Lines that share a session_id add
// their turns to the same conversation, in file order; a line without one is its own
// conversation ("line-N").  `At least one turn must be provided`.
#pragma once
#include <aiperf/concepts/dataset.hpp>
#include <aiperf/conversation.hpp>
#include <aiperf/datasets/dataset_options.hpp>
#include <aiperf/datasets/trace_file.hpp>

#include <filesystem>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace datasets {

/// Reads a multi_turn file into conversations (file order).  Every problem is a trace_error
/// naming FILE:LINE and the field (`turns[1].text`), or the spec's sentence.
AIPERF_DECL std::vector<conversation> load_multi_turn(std::filesystem::path const& file, dataset_context const& ctx);

/// Whether the file's first record reads as multi_turn (it has a `turns` list).
AIPERF_DECL bool looks_like_multi_turn(std::filesystem::path const& file);

struct multi_turn {
  static constexpr std::string_view name = "multi_turn";
  static constexpr std::string_view description =
      "JSONL of conversations (--input-file): session_id, turns of single_turn records sent in order with history; "
      "a leading system turn is the system message";
  /// Input lengths are counted with the run's tokenizer.
  static constexpr bool needs_tokenizer = true;

  std::filesystem::path file = {};

  /// Whether `file` reads as multi_turn (for auto-detection).
  static bool can_load(std::filesystem::path const& file) { return looks_like_multi_turn(file); }

  static multi_turn from_options(dataset_options const& o) { return multi_turn{o.input_file}; }
  std::vector<conversation> build(dataset_context const& ctx) const { return load_multi_turn(file, ctx); }
};

static_assert(Dataset<multi_turn>);

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/multi_turn.ipp>
#endif
