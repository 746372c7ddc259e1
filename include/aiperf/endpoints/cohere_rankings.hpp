// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/cohere_rankings.hpp — `--endpoint-type cohere_rankings`: Cohere Rerank v2
// (spec load-generation §8.9).
// Request `{"model", "query": q, "documents": [p, ...]}` + `--extra-inputs`, from the turn's
// texts named "query" (or "queries") and "passages".  Answer: `results[]` of
// {index, relevance_score}.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/vector_base.hpp>

#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class cohere_rankings : public vector_endpoint_base<aiperf::detail::vector_api::cohere_rankings> {
 public:
  static constexpr std::string_view name = "cohere_rankings";
  static constexpr std::string_view description =
      "Cohere Rerank v2 (/v2/rerank): a query and documents in, a relevance score per document out (no tokens)";
  static constexpr std::string_view default_path = "v2/rerank";

  explicit cohere_rankings(endpoint_options opts) : vector_endpoint_base(std::move(opts), default_path) {}

  /// Throws std::invalid_argument (spec §8.9's message) when the turn has no "query" text.
  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    if (auto raw = detail_openai::verbatim_request(cur, opts_)) return *std::move(raw);
    detail_openai::require_text_only(cur, c, name);
    const detail_vector::rankings_input in = detail_vector::rankings_input_of(cur);
    aiperf::detail::json_members body;
    body.set("model", model_of(cur));
    body.set("query", aiperf::detail::json_string(in.query));
    body.set("documents", detail_vector::passages_json(in.passages, false));
    return finish(body);
  }
};

static_assert(Endpoint<cohere_rankings>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
