// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/single_turn.hpp — the `single_turn` input file (spec load-generation §7.6.1):
// one JSON object per line, each its own request with a literal prompt.
//
//   {"text": "What is machine learning?"}
//   {"text": "Write a haiku.", "output_length": 50}
//   {"texts": ["first", "second"], "session_id": "s1", "delay": 500}
//   {"texts": [{"name": "query", "contents": ["how to bake bread"]}], "timestamp": 1000}
//
// `text` or `texts` (strings, or {name, contents} objects whose contents are joined with a
// space), `output_length` (max tokens), `timestamp` (ms: replayed with --fixed-schedule, which is
// not switched on by itself for this type), `delay` (ms before the request), `session_id` (lines
// that share it are one session, sent in order, each without the others as history), `role`
// (user only), `extra` (an object merged into the request body after --extra-inputs), media:
// `image` | `images`, `audio` | `audios`, `video` | `videos` (a string, or a list of strings or of
// {name, contents}; a local path is read once and sent base64-encoded, a URL or data URI as
// given) and `image_uuids` (one per image of `images`).  Several or named texts are also kept one
// by one (turn::texts).
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

/// Reads a single_turn file into conversations (file order; lines sharing a session_id are one).
/// Every problem is a trace_error naming FILE:LINE and the field, or the spec's sentence.
AIPERF_DECL std::vector<conversation> load_single_turn(std::filesystem::path const& file, dataset_context const& ctx);

/// Whether the file's first record reads as single_turn (it has `text`, `texts` or a media field).
AIPERF_DECL bool looks_like_single_turn(std::filesystem::path const& file);

struct single_turn {
  static constexpr std::string_view name = "single_turn";
  static constexpr std::string_view description =
      "JSONL of literal prompts (--input-file): text or texts, output_length, timestamp, delay, session_id";
  /// Input lengths are counted with the run's tokenizer.
  static constexpr bool needs_tokenizer = true;

  std::filesystem::path file = {};

  /// Whether `file` reads as single_turn (for auto-detection).
  static bool can_load(std::filesystem::path const& file) { return looks_like_single_turn(file); }

  static single_turn from_options(dataset_options const& o) { return single_turn{o.input_file}; }
  std::vector<conversation> build(dataset_context const& ctx) const { return load_single_turn(file, ctx); }
};

static_assert(Dataset<single_turn>);

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/single_turn.ipp>
#endif
