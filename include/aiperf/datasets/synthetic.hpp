// SPDX-License-Identifier: Apache-2.0
// aiperf/datasets/synthetic.hpp — the default dataset: conversations of synthetic prompts with
// exact token counts (spec load-generation §7.2).  Deterministic: the same seed gives the same
// conversations byte for byte.
#pragma once
#include <aiperf/concepts/dataset.hpp>
#include <aiperf/datasets/dataset_options.hpp>
#include <aiperf/datasets/prompt_generator.hpp>
#include <aiperf/detail/rng.hpp>
#include <aiperf/tokenizer/tokenizer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace datasets {

/// AIPerf's `sample_positive_normal_integer` (upstream main): with no spread, the mean rounded
/// half-to-even (at least 1); otherwise a non-negative normal draw rounded up (at least 1).
inline std::int64_t sample_positive_normal_integer(double mean, double stddev, detail::rng& g) {
  if (!(stddev > 0)) return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::nearbyint(mean)));
  std::normal_distribution<double> d(mean, stddev);
  double x;
  do x = d(g);
  while (x < 0);
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(x)));
}

/// A UUID-shaped id drawn from `g` (version-4 layout), so ids are deterministic per seed.
inline std::string uuid_from(detail::rng& g) {
  const std::uint64_t a = g(), b = g();
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                     0x8000 | ((b >> 48) & 0x3fff), b & 0xffffffffffffULL);
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
    return s;
  }

  std::vector<conversation> build(dataset_context const& ctx) const {
    if (ctx.tok == nullptr)
      throw std::invalid_argument("synthetic dataset: a tokenizer is required for exact prompt lengths");
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

    std::vector<conversation> out;
    out.reserve(num_entries);
    for (std::size_t e = 0; e < num_entries; ++e) {
      conversation c;
      c.id = uuid_from(ids);
      const std::int64_t n_turns = sample_positive_normal_integer(turn_mean, turn_stddev, turns_rng);
      for (std::int64_t t = 0; t < n_turns; ++t) {
        turn tu;
        // The tokenizer's own special tokens (a Llama-3 BOS) are part of what the server sees,
        // so the text gets that many fewer tokens and the request still has the asked ISL
        // (AIPerf upstream main, spec §7.2 "adj").
        tu.input_tokens = sample_positive_normal_integer(static_cast<double>(isl_mean), isl_stddev, lengths);
        const auto adj = static_cast<std::int64_t>(ctx.tok->num_special_tokens_to_add());
        const std::int64_t text_tokens = std::max<std::int64_t>(1, tu.input_tokens - adj);
        tu.text = prompts.generate(static_cast<std::size_t>(text_tokens));
        tu.input_tokens = text_tokens + adj;
        if (osl_mean)
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
};

static_assert(Dataset<synthetic>);

}  // namespace datasets
}  // namespace v0
}  // namespace aiperf
