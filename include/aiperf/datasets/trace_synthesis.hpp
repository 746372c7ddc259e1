// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/trace_synthesis.hpp — the trace synthesis transform (spec load-generation
// §10.3), used by `aiperf synthesize-trace` and, at load time, by the trace datasets'
// --synthesis-prefix-len-multiplier / --synthesis-prompt-len-multiplier /
// --synthesis-prefix-root-multiplier (§2.9, §7.6.7).
//
//   auto rows = datasets::read_trace("in.jsonl", datasets::trace_format::mooncake);
//   datasets::synthesis_params p{.prefix_len_multiplier = 2.0};
//   auto out = datasets::synthesize_trace(rows, p);
//   std::string jsonl = datasets::render_trace_jsonl(out);
//   auto tree = datasets::analyze_hash_tree(out);        // "Tree nodes", "Tree depth"
//
// Per row, in order (rows keep their order, count and session/delay fields):
// - a row with hash ids gets apply_multipliers(ids, input_length) below;
// - a row without hash ids (or with a literal text_input) gets an input length drawn from the
//   empirical distribution of the rows' input lengths (512 when no row has one), no hash ids;
// - every row gets an output length drawn from the empirical distribution of the rows' output
//   lengths (64 when no row has one): it is RESAMPLED, not copied (as upstream does);
// - then the input length is capped at max_isl, and a timestamp becomes
//   trunc(timestamp / speedup_ratio) (Python's int()).
//
// apply_multipliers(ids, L) with block size B (the V-main algorithm, exactly):
// - inc = L mod B, or B when that is 0: the size of the last (partial) block; new ids count up
//   from ids.back() + 1 (so they may coincide with ids of other rows, as upstream's do);
// - prefix_len_multiplier p > 1: k = int(len(ids) * (p - 1)) new ids are appended; L grows by
//   (B - inc) + (k - 1) * B + inc (the old last block is completed, k - 1 full blocks, a last
//   block of inc tokens); p < 1: the first max(1, int(len(ids) * p)) ids are kept and
//   L = (kept - 1) * B + inc; p == 1: unchanged;
// - prompt_len_multiplier q > 1 (after p): int(q - 1) new ids are appended the same way, with
//   the current last block's size in place of inc; 1 < q < 2 and q <= 1 change nothing;
// - prefix_root_multiplier r > 1: (r - 1) * len(ids) fresh ids are appended (r copies of the
//   row's path, the first the row's own); L is unchanged.  Such a row has more ids than its
//   length can hold, so as a request it is laid out with ONE copy: see pick_prefix_trees.
//
// Randomness: every draw comes from detail::rng (std::mt19937_64) streams derived from `seed`
// (detail::derive_seed: "trace.synthesis.isl", ".osl", ".root"), and an index into the sorted
// observed values is drawn by rejection sampling, so the output depends on the seed alone, on
// every platform and standard library.  Upstream draws with numpy instead (default_rng(42) in
// the synthesizer; the version read even samples from an unseeded generator): the distribution
// of every drawn value is the same (value v with probability count(v) / n, numpy's CDF
// inversion), but numpy's PCG64 stream cannot be reproduced here, so the drawn values differ
// from upstream's for the same seed.
//
// Non-template; compiled once in the separate-compilation mode.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/datasets/trace_file.hpp>
#include <aiperf/detail/rng.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace datasets {

/// The knobs of the transform.  Defaults change nothing but the resampled output lengths.
struct synthesis_params {
  std::size_t block_size = 512;              // tokens per hash-id block (>= 1)
  std::optional<double> speedup_ratio = {};  // > 0: timestamp := trunc(timestamp / ratio); unset: kept
  double prefix_len_multiplier = 1.0;        // >= 0
  std::int64_t prefix_root_multiplier = 1;   // >= 1
  double prompt_len_multiplier = 1.0;        // >= 0
  std::optional<std::int64_t> max_isl = {};  // cap on the synthesized input length
  std::uint64_t seed = 42;                   // of the length samplers' streams
};

/// One row's hash ids and input length after apply_multipliers.
struct multiplied_row {
  std::vector<std::int64_t> hash_ids = {};
  std::int64_t input_length = 0;

  friend bool operator==(multiplied_row const&, multiplied_row const&) = default;
};

/// The prefix-len, prompt-len and prefix-root multipliers on one row (see the file comment).
/// std::invalid_argument when a multiplier is negative or not finite, the block size is 0, the
/// row would grow past 2^24 ids, or an id would pass INT64_MAX.
AIPERF_DECL multiplied_row apply_multipliers(std::span<const std::int64_t> hash_ids, std::int64_t input_length,
                                             synthesis_params const& params);

/// Draws values with the empirical distribution of the observed ones (each observed value with
/// probability count / n).  Empty: always `fallback`.
class empirical_sampler {
 public:
  AIPERF_DECL empirical_sampler(std::vector<std::int64_t> observed, std::int64_t fallback);
  /// One value, drawn with `g`: one rejection-sampled index into the sorted observations.
  AIPERF_DECL std::int64_t sample(detail::rng& g) const;
  [[nodiscard]] bool empty() const noexcept { return sorted_.empty(); }

 private:
  std::vector<std::int64_t> sorted_;
  std::int64_t fallback_;
};

/// The transform on every row (see the file comment).  The output rows keep each input row's
/// line, session_id, turn and delay; text_input is dropped (the row now has an input length).
/// std::invalid_argument for bad params; a row the multipliers refuse is a trace_error
/// "SOURCE:LINE: hash_ids: ..." (`source` names the file the rows came from).
AIPERF_DECL std::vector<trace_row> synthesize_trace(std::span<trace_row const> rows, synthesis_params const& params,
                                                    std::filesystem::path const& source = {});

/// For replaying rows transformed with prefix_root_multiplier r > 1: each row keeps one of its
/// r copies of the path (copy 0 = its own ids, copy k = the k-th run of fresh ids), chosen
/// uniformly with the stream "trace.synthesis.root" of `seed`, so its length fits its ids again
/// and the r trees each take about 1/r of the requests.  r <= 1 leaves the rows as they are.
AIPERF_DECL void pick_prefix_trees(std::span<trace_row> rows, std::int64_t prefix_root_multiplier, std::uint64_t seed);

/// The hash-id prefix tree of the rows (every row's ids a path from one root), as upstream's
/// RadixTree counts it: nodes including the root, depth = the longest path.  No ids: {1, 0}.
struct hash_tree_stats {
  std::size_t nodes = 1;
  std::size_t depth = 0;

  friend bool operator==(hash_tree_stats const&, hash_tree_stats const&) = default;
};
AIPERF_DECL hash_tree_stats analyze_hash_tree(std::span<trace_row const> rows);

/// The rows as Mooncake JSONL, one object per line, as Python's json.dumps writes them
/// (`{"input_length": 655, "output_length": 52, "hash_ids": [0, 1], "timestamp": 0}`): fields
/// in the order input_length, output_length, then hash_ids (when not empty), timestamp, session_id
/// and delay (when present); timestamps as integers, delays as integers when integral.
AIPERF_DECL std::string render_trace_jsonl(std::span<trace_row const> rows);

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/trace_synthesis.ipp>
#endif
