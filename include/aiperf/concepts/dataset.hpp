// SPDX-License-Identifier: Apache-2.0
// aiperf/concepts/dataset.hpp — the Dataset concept: WHAT is sent.
//
// Customization points:
//   std::vector<conversation> build(dataset_context const&) const;
//        -- required: every conversation of the run, produced before the clock starts and
//           deterministic for a given context.seed (same seed -> same prompts, byte for byte)
//
// The run picks conversations from the built list with a sampler (sequential / random /
// shuffle) or by the index a trace-replay credit names.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/conversation.hpp>

#include <concepts>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace aiperf {
inline namespace v0 {

class tokenizer;  // aiperf/tokenizer/tokenizer.hpp

/// What a Dataset may use while it builds.
struct dataset_context {
  tokenizer const* tok = nullptr;  // for exact token counts; may be null
  std::uint64_t seed = 0;          // --random-seed
  std::function<void(std::string_view)> log = {};  // one line for the run log (may be empty)
};

template <class D>
concept Dataset = std::copy_constructible<D> && requires(D const& d, dataset_context const& ctx) {
  { d.build(ctx) } -> std::same_as<std::vector<conversation>>;
};

}  // namespace v0
}  // namespace aiperf
