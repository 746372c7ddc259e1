// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/synthetic.hpp — the default dataset: conversations of synthetic prompts with
// exact token counts (spec load-generation §7.2).  Deterministic: the same seed gives the same
// conversations byte for byte.
//
// Besides the prompts themselves (--isl/--osl, or a --seq-dist mixture of (ISL, OSL) pairs), a
// conversation may carry synthetic context (spec §7.4), each of an exact token length:
//   - a prefix from a pool (--prefix-prompt-pool-size N --prefix-prompt-length L): N distinct
//     prefixes; each conversation's FIRST turn starts with one drawn from the pool (later turns
//     carry it in their history).  It is added to the asked ISL (AIPerf: prefixes are additive).
//     The prefix and the prompt are joined at the token level (upstream main): a prompt begins
//     with ' ' + a letter, so prefix + prompt counts exactly L + the prompt's tokens;
//   - one system prompt shared by every conversation (--shared-system-prompt-length), in
//     conversation::system_message;
//   - one user-context prompt per conversation (--user-context-prompt-length), in
//     conversation::user_context_message.
// With --batch-size N > 1 a turn has N prompts, each of its own drawn length (and, on a first
// turn, its own prefix), in turn::texts (one group named "text"); turn::text joins them with a
// space.  For a rankings endpoint type (`rankings`) every entry is instead one turn of a query
// and its passages (spec §7.2's rankings composer): turn::texts = [{"query", [q]},
// {"passages", [p1..pN]}], N drawn from --rankings-passages-mean/-stddev, the lengths from the
// --rankings-*-prompt-token-* options.
// The ISL recorded per turn (turn::input_tokens) counts all of these that the turn's request
// carries.  Every feature draws from its own named stream (detail::derive_seed), so turning one
// on leaves the prompts of the others byte for byte as they were.
#pragma once
#include <aiperf/concepts/dataset.hpp>
#include <aiperf/datasets/dataset_options.hpp>
#include <aiperf/datasets/prompt_generator.hpp>
#include <aiperf/datasets/sequence_distribution.hpp>
#include <aiperf/detail/rng.hpp>
#include <aiperf/detail/uuid.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>


#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace datasets {

/// A UUID-shaped id drawn from `g` (version-4 layout), so ids are deterministic per seed.
inline std::string uuid_from(detail::rng& g) {
  const std::uint64_t a = g(), b = g();
  const detail::uuid_text id = detail::format_uuid(a, b);
  return std::string(id.data(), id.size());
}

struct synthetic {
  static constexpr std::string_view name = "synthetic";
  static constexpr std::string_view description =
      "generated prompts of exact token lengths (--isl/--osl and their stddevs), deterministic per --random-seed";
  /// Prompts are cut to exact token counts, so building needs the run's tokenizer.
  static constexpr bool needs_tokenizer = true;

  std::int64_t isl_mean = 550;              // --isl
  double isl_stddev = 0;                    // --isl-stddev
  std::optional<std::int64_t> osl_mean = {};  // --osl (unset: no max_tokens is sent)
  double osl_stddev = 0;                    // --osl-stddev
  std::size_t num_entries = 100;            // --num-dataset-entries
  double turn_mean = 1, turn_stddev = 0;    // --conversation-turn-mean/-stddev
  double turn_delay_mean_ms = 0, turn_delay_stddev_ms = 0, turn_delay_ratio = 1;
  std::vector<std::string> models = {};        // models to assign per turn (empty: the run's model)
  bool random_model_selection = false;      // --model-selection-strategy random (else round_robin)
  /// --seq-dist: each turn's (ISL, OSL) drawn from this mixture instead of --isl/--osl.  As in
  /// AIPerf V-main, the drawn ISL is the prompt's length (no special-token adjustment) and the
  /// drawn OSL is always sent as the turn's max tokens.
  std::optional<sequence_distribution> sequence_dist = {};
  std::size_t prefix_pool_size = 0;         // --prefix-prompt-pool-size: distinct prefixes
  std::size_t prefix_length = 0;            // --prefix-prompt-length: tokens per prefix (0: no prefix)
  std::size_t shared_system_length = 0;     // --shared-system-prompt-length (0: no system message)
  std::size_t user_context_length = 0;      // --user-context-prompt-length (0: no user context)
  std::size_t batch_size = 1;               // --batch-size: prompts per turn
  bool rankings = false;                    // a rankings endpoint: query + passages per entry
  std::int64_t rankings_passages_mean = 1;  // --rankings-passages-mean
  double rankings_passages_stddev = 0;
  std::int64_t rankings_passage_tokens_mean = 550;
  double rankings_passage_tokens_stddev = 0;
  std::int64_t rankings_query_tokens_mean = 550;
  double rankings_query_tokens_stddev = 0;

  static synthetic from_options(dataset_options const& o) {
    synthetic s;
    s.isl_mean = o.isl_mean;
    s.isl_stddev = o.isl_stddev;
    s.osl_mean = o.osl_mean;
    s.osl_stddev = o.osl_stddev;
    s.num_entries = o.num_entries;
    s.turn_mean = o.turn_mean;
    s.turn_stddev = o.turn_stddev;
    s.turn_delay_mean_ms = o.turn_delay_mean_ms;
    s.turn_delay_stddev_ms = o.turn_delay_stddev_ms;
    s.turn_delay_ratio = o.turn_delay_ratio;
    s.models = o.models;
    s.random_model_selection = o.random_model_selection;
    if (!o.sequence_distribution.empty()) s.sequence_dist = sequence_distribution::parse(o.sequence_distribution);
    s.prefix_pool_size = o.prefix_prompt_pool_size;
    s.prefix_length = o.prefix_prompt_length;
    s.shared_system_length = o.shared_system_prompt_length;
    s.user_context_length = o.user_context_prompt_length;
    s.batch_size = o.batch_size;
    s.rankings = o.rankings;
    s.rankings_passages_mean = o.rankings_passages_mean;
    s.rankings_passages_stddev = o.rankings_passages_stddev;
    s.rankings_passage_tokens_mean = o.rankings_passage_tokens_mean;
    s.rankings_passage_tokens_stddev = o.rankings_passage_tokens_stddev;
    s.rankings_query_tokens_mean = o.rankings_query_tokens_mean;
    s.rankings_query_tokens_stddev = o.rankings_query_tokens_stddev;
    return s;
  }

  /// The prefix pool: `prefix_pool_size` distinct prompts of exactly `prefix_length` tokens
  /// (empty when either is 0).  A prompt that repeats an earlier one is drawn again (a few
  /// times: very short prefixes may have fewer distinct forms than asked for).
  [[nodiscard]] std::vector<std::string> prefix_pool(tokenizer const& tok, std::uint64_t seed) const {
    std::vector<std::string> pool;
    if (prefix_length == 0 || prefix_pool_size == 0) return pool;
    prompt_generator gen(tok, detail::derive_seed(seed, "dataset.prompt.prefix_pool"));
    std::unordered_set<std::string> seen;
    pool.reserve(prefix_pool_size);
    for (std::size_t i = 0; i < prefix_pool_size; ++i) {
      std::string p = gen.generate(prefix_length);
      for (int retry = 0; retry < 16 && !seen.insert(p).second; ++retry) p = gen.generate(prefix_length);
      pool.push_back(std::move(p));
    }
    return pool;
  }

  std::vector<conversation> build(dataset_context const& ctx) const {
    if (ctx.tok == nullptr)
      throw std::invalid_argument("synthetic dataset: a tokenizer is required for exact prompt lengths");
    if (rankings) return build_rankings(ctx);
    if (isl_mean <= 0)
      throw std::invalid_argument(
          "All synthetic data are disabled. Please enable at least one of prompt, image, audio, or "
          "video by setting the mean to a positive value.");
    prompt_generator prompts(*ctx.tok, detail::derive_seed(ctx.seed, "dataset.prompt.corpus"));
    detail::rng lengths(detail::derive_seed(ctx.seed, "dataset.prompt.length"));
    detail::rng ids(detail::derive_seed(ctx.seed, "dataset.session_id"));
    detail::rng turns_rng(detail::derive_seed(ctx.seed, "composer.conversation.turn_count"));
    detail::rng delays(detail::derive_seed(ctx.seed, "composer.conversation.turn_delay"));
    std::size_t model_counter = 0;
    detail::rng model_rng(detail::derive_seed(ctx.seed, "dataset.model_selection"));
    detail::rng seq_rng(detail::derive_seed(ctx.seed, "dataset.sequence_distribution"));

    // Context prompts (spec §7.4), each from its own stream.
    const std::vector<std::string> prefixes = prefix_pool(*ctx.tok, ctx.seed);
    if (prefix_length > 0 && prefixes.empty())
      throw std::invalid_argument(
          "Attempted to sample a prefix prompt but the prefix prompts pool is empty. Please ensure that the "
          "prefix prompts pool is initialized.");
    detail::rng prefix_rng(detail::derive_seed(ctx.seed, "dataset.prompt.prefix"));
    std::string system;
    if (shared_system_length > 0)
      system = prompt_generator(*ctx.tok, detail::derive_seed(ctx.seed, "dataset.prompt.shared_system"))
                   .generate(shared_system_length);
    prompt_generator contexts(*ctx.tok, detail::derive_seed(ctx.seed, "dataset.prompt.user_context"));
    // Sent with every turn, so part of every turn's ISL.
    const auto context_tokens = static_cast<std::int64_t>(shared_system_length + user_context_length);
    // The tokenizer's own special tokens (a Llama-3 BOS) are part of what the server sees, so
    // the text gets that many fewer tokens and the request still has the asked ISL (AIPerf
    // upstream main, spec §7.2 "adj"; not on the --seq-dist path).
    const auto adj = static_cast<std::int64_t>(ctx.tok->num_special_tokens_to_add());

    std::vector<conversation> out;
    out.reserve(num_entries);
    for (std::size_t e = 0; e < num_entries; ++e) {
      conversation c;
      c.id = uuid_from(ids);
      c.system_message = system;
      if (user_context_length > 0) c.user_context_message = contexts.generate(user_context_length);
      const std::int64_t n_turns = sample_positive_normal_integer(turn_mean, turn_stddev, turns_rng);
      for (std::int64_t t = 0; t < n_turns; ++t) {
        turn tu;
        // A prefix is added to the first turn only, on top of the asked ISL.
        const std::string_view prefix =
            t == 0 && !prefixes.empty() ? std::string_view(prefixes[prefix_rng() % prefixes.size()]) : std::string_view();
        std::int64_t text_tokens = 0;
        if (sequence_dist) {
          const auto [isl, osl] = sequence_dist->sample(seq_rng);
          text_tokens = isl;
          tu.max_tokens = osl;
        } else {
          const std::int64_t isl =
              sample_positive_normal_integer(static_cast<double>(isl_mean), isl_stddev, lengths);
          text_tokens = std::max<std::int64_t>(prefix.empty() ? 1 : 0, isl - adj);
        }
        if (batch_size == 1) {
          tu.text = prefix;
          prompts.generate_into(static_cast<std::size_t>(text_tokens), tu.text);
          tu.input_tokens = static_cast<std::int64_t>(t == 0 && !prefixes.empty() ? prefix_length : 0) +
                            text_tokens + adj + context_tokens;
        } else {
          // A batch: every prompt has its own length (the first one's is drawn above) and, on a
          // first turn, its own prefix.  The ISL counts the joined text, as the wire carries it.
          named_texts batch;
          batch.contents.reserve(batch_size);
          for (std::size_t i = 0; i < batch_size; ++i) {
            std::string_view pre = prefix;
            std::int64_t n = text_tokens;
            if (i > 0) {
              if (!prefix.empty()) pre = prefixes[prefix_rng() % prefixes.size()];
              n = sequence_dist ? sequence_dist->sample(seq_rng).first
                                : std::max<std::int64_t>(pre.empty() ? 1 : 0,
                                                         sample_positive_normal_integer(static_cast<double>(isl_mean),
                                                                                        isl_stddev, lengths) -
                                                             adj);
            }
            std::string p(pre);
            prompts.generate_into(static_cast<std::size_t>(n), p);
            if (!tu.text.empty() && !p.empty()) tu.text.push_back(' ');
            tu.text += p;
            batch.contents.push_back(std::move(p));
          }
          if (batch_size > 0) tu.texts.push_back(std::move(batch));
          tu.input_tokens = static_cast<std::int64_t>(prompts.count(tu.text)) + adj + context_tokens;
        }
        if (osl_mean && !sequence_dist)
          tu.max_tokens = sample_positive_normal_integer(static_cast<double>(*osl_mean), osl_stddev, lengths);
        if (t > 0 && turn_delay_mean_ms > 0)
          tu.delay_ms = static_cast<std::int64_t>(
              static_cast<double>(sample_positive_normal_integer(std::floor(turn_delay_mean_ms),
                                                                 turn_delay_stddev_ms, delays)) *
              turn_delay_ratio);
        if (!models.empty())
          tu.model = models[random_model_selection ? model_rng() % models.size() : model_counter++ % models.size()];
        c.turns.push_back(std::move(tu));
      }
      out.push_back(std::move(c));
    }
    return out;
  }

  /// The rankings composer: `num_entries` one-turn conversations of a query and its passages.
  std::vector<conversation> build_rankings(dataset_context const& ctx) const {
    prompt_generator queries(*ctx.tok, detail::derive_seed(ctx.seed, "dataset.rankings.query"));
    prompt_generator passages(*ctx.tok, detail::derive_seed(ctx.seed, "dataset.rankings.passage"));
    detail::rng lengths(detail::derive_seed(ctx.seed, "dataset.rankings.length"));
    detail::rng counts(detail::derive_seed(ctx.seed, "dataset.rankings.passage_count"));
    detail::rng ids(detail::derive_seed(ctx.seed, "dataset.session_id"));
    detail::rng osl_rng(detail::derive_seed(ctx.seed, "dataset.prompt.length"));
    std::size_t model_counter = 0;
    detail::rng model_rng(detail::derive_seed(ctx.seed, "dataset.model_selection"));
    std::vector<conversation> out;
    out.reserve(num_entries);
    for (std::size_t e = 0; e < num_entries; ++e) {
      conversation c;
      c.id = uuid_from(ids);
      turn tu;
      named_texts q{"query", {}};
      q.contents.push_back(queries.generate(static_cast<std::size_t>(sample_positive_normal_integer(
          static_cast<double>(rankings_query_tokens_mean), rankings_query_tokens_stddev, lengths))));
      named_texts ps{"passages", {}};
      // --rankings-passages-mean 0 (upstream main allows it): no passages.
      const std::int64_t n = rankings_passages_mean <= 0 && !(rankings_passages_stddev > 0)
                                 ? 0
                                 : sample_positive_normal_integer(static_cast<double>(rankings_passages_mean),
                                                                  rankings_passages_stddev, counts);
      for (std::int64_t i = 0; i < n; ++i)
        ps.contents.push_back(passages.generate(static_cast<std::size_t>(sample_positive_normal_integer(
            static_cast<double>(rankings_passage_tokens_mean), rankings_passage_tokens_stddev, lengths))));
      tu.text = q.contents.front();
      for (auto const& p : ps.contents) tu.text.append(" ").append(p);
      tu.input_tokens = static_cast<std::int64_t>(queries.count(tu.text));
      tu.texts.push_back(std::move(q));
      tu.texts.push_back(std::move(ps));
      if (osl_mean) tu.max_tokens = sample_positive_normal_integer(static_cast<double>(*osl_mean), osl_stddev, osl_rng);
      if (!models.empty())
        tu.model = models[random_model_selection ? model_rng() % models.size() : model_counter++ % models.size()];
      c.turns.push_back(std::move(tu));
      c.turns_carry_history = false;
      out.push_back(std::move(c));
    }
    return out;
  }
};

static_assert(Dataset<synthetic>);

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
