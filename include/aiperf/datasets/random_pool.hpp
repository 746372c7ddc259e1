// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/random_pool.hpp — the `random_pool` input (spec load-generation §7.6.3):
// prompts drawn at random, with replacement, from one or more pools.
//
//   --input-file pool.jsonl     one pool: each conversation is one item of it
//   --input-file pools/         one pool per file (sorted by file name): each conversation takes
//                               one item of every pool and joins their texts, in pool order
//
//   pools/passages.jsonl  {"texts": [{"name": "passages", "contents": ["I am a cat."]}]}
//   pools/queries.jsonl   {"text": "Who are you?"}
//
// Items are single_turn records without timing or session fields (`text` | `texts`, media,
// `image_uuids`, `extra`).  Each turn also keeps its texts one by one in turn::texts, named by
// their pool (the file's stem, e.g. "queries", "passages") unless an item's `{name, contents}`
// object names them: the query and passages a rankings endpoint sends, the inputs of an
// embeddings request.  With several pools a conversation's media are appended in pool order and
// a later pool's `extra` member wins.  Conversations: --conversation-num of them (default
// 100), each one single-turn request, drawn from the stream "dataset.loader.random_pool" of the
// run's seed: the same seed gives the same conversations.  A pool's records have single_turn's
// shape, so a file is never detected as random_pool: name the type (--custom-dataset-type).
#pragma once
#include <aiperf/concepts/dataset.hpp>
#include <aiperf/conversation.hpp>
#include <aiperf/datasets/dataset_options.hpp>
#include <aiperf/datasets/trace_file.hpp>

#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace datasets {

/// Conversations when --conversation-num does not say (spec §2.4).
inline constexpr std::size_t random_pool_default_conversations = 100;

/// The pool files of `input`: the file itself, or the directory's regular files sorted by name.
/// trace_error when there is none.
AIPERF_DECL std::vector<std::filesystem::path> random_pool_files(std::filesystem::path const& input);

/// Reads every pool of `input` (all checked before any draw) and draws `conversations`
/// single-turn conversations ("pool-0", "pool-1", ...).  Problems are trace_errors naming
/// FILE:LINE: FIELD.
AIPERF_DECL std::vector<conversation> load_random_pool(std::filesystem::path const& input, std::size_t conversations,
                                                       dataset_context const& ctx);

struct random_pool {
  static constexpr std::string_view name = "random_pool";
  static constexpr std::string_view description =
      "pools of prompts (--input-file FILE or DIRECTORY, a pool per file) sampled with replacement into "
      "--conversation-num single-turn conversations (default 100)";
  /// Input lengths are counted with the run's tokenizer.
  static constexpr bool needs_tokenizer = true;
  /// --input-file may name a directory (one pool per file).
  static constexpr bool reads_directory = true;

  std::filesystem::path input = {};
  std::size_t conversations = random_pool_default_conversations;

  /// Never detected: a pool's records look like single_turn's (name the type explicitly).
  static bool can_load(std::filesystem::path const&) { return false; }

  static random_pool from_options(dataset_options const& o) {
    return random_pool{o.input_file, o.conversation_num.value_or(random_pool_default_conversations)};
  }
  std::vector<conversation> build(dataset_context const& ctx) const { return load_random_pool(input, conversations, ctx); }
};

static_assert(Dataset<random_pool>);

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/datasets/impl/random_pool.ipp>
#endif
