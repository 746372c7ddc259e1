// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/dataset_options.hpp — what a dataset type is built from when it is chosen by
// name (the driver): `D::from_options(dataset_options)`.  A custom main usually fills the
// dataset's own fields instead.
#pragma once
#include <aiperf/config.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace datasets {

/// How trace rows become conversations (the offset and --synthesis-* flags; trace_dataset.hpp).
struct trace_load_options {
  std::size_t block_size = 0;                  // tokens per hash-id block (0: the format's default)
  std::optional<double> start_offset_ms = {};  // keep rows with timestamp >= this (rows without one stay)
  std::optional<double> end_offset_ms = {};    // keep rows with timestamp <= this
  double speedup_ratio = 1.0;                  // timestamp := floor(timestamp / ratio)
  std::optional<std::int64_t> max_isl = {};    // skip rows whose input_length is larger
  std::optional<std::int64_t> max_osl = {};    // cap output_length
  // The synthesis transform (trace_synthesis.hpp), applied after grouping when any is not 1.
  double prefix_len_multiplier = 1.0;          // scale every row's hash-id blocks
  std::int64_t prefix_root_multiplier = 1;     // replicate the prefix trees (each row uses one)
  double prompt_len_multiplier = 1.0;          // add blocks after the prefix
};

struct dataset_options {
  std::int64_t isl_mean = 550;               // --isl
  double isl_stddev = 0;                     // --isl-stddev
  std::optional<std::int64_t> osl_mean = {}; // --osl (unset: no max_tokens is sent)
  double osl_stddev = 0;                     // --osl-stddev
  std::size_t num_entries = 100;             // --num-dataset-entries
  double turn_mean = 1, turn_stddev = 0;     // --conversation-turn-mean/-stddev
  double turn_delay_mean_ms = 0;             // --conversation-turn-delay-mean
  double turn_delay_stddev_ms = 0;           // --conversation-turn-delay-stddev
  double turn_delay_ratio = 1;               // --conversation-turn-delay-ratio
  std::vector<std::string> models = {};      // several --model values: assigned per turn
  bool random_model_selection = false;       // --model-selection-strategy random
  std::string input_file = {};               // --input-file (trace and file datasets)
  trace_load_options trace = {};             // --isl-block-size, offsets, --synthesis-*
  std::optional<std::size_t> conversation_num = {};  // --conversation-num (random_pool: conversations drawn)
  // Synthetic prompts only (synthetic.hpp):
  std::string sequence_distribution = {};    // --seq-dist ("": --isl/--osl)
  std::size_t prefix_prompt_pool_size = 0;   // --prefix-prompt-pool-size
  std::size_t prefix_prompt_length = 0;      // --prefix-prompt-length (0: no prefix)
  std::size_t shared_system_prompt_length = 0;  // --shared-system-prompt-length (0: none)
  std::size_t user_context_prompt_length = 0;   // --user-context-prompt-length (0: none)
  std::size_t batch_size = 1;                // --batch-size: prompts per synthetic turn (turn::texts)
  /// Synthetic rankings (a rankings endpoint type): one query and its passages per entry.
  bool rankings = false;
  std::int64_t rankings_passages_mean = 1;              // --rankings-passages-mean
  double rankings_passages_stddev = 0;                  // --rankings-passages-stddev
  std::int64_t rankings_passage_tokens_mean = 550;      // --rankings-passages-prompt-token-mean
  double rankings_passage_tokens_stddev = 0;            // --rankings-passages-prompt-token-stddev
  std::int64_t rankings_query_tokens_mean = 550;        // --rankings-query-prompt-token-mean
  double rankings_query_tokens_stddev = 0;              // --rankings-query-prompt-token-stddev
};

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
