// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/hf_tei_rankings.hpp — `--endpoint-type hf_tei_rankings`: Hugging Face Text
// Embeddings Inference reranking (spec load-generation §8.9).
// Request `{"query": q, "texts": [p, ...]}` (no model field) + `--extra-inputs`, from the
// turn's texts named "query" (or "queries") and "passages".  Answer: a top-level list of
// {index, score}, or `results[]`.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/vector_base.hpp>

#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class hf_tei_rankings : public vector_endpoint_base<aiperf::detail::vector_api::hf_tei_rankings> {
 public:
  static constexpr std::string_view name = "hf_tei_rankings";
  static constexpr std::string_view description =
      "Hugging Face TEI rerank (/rerank): a query and texts in, a score per text out (no tokens)";
  static constexpr std::string_view default_path = "rerank";

  explicit hf_tei_rankings(endpoint_options opts) : vector_endpoint_base(std::move(opts), default_path) {}

  /// Throws std::invalid_argument (spec §8.9's message) when the turn has no "query" text.
  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    if (auto raw = detail_openai::verbatim_request(cur, opts_)) return *std::move(raw);
    detail_openai::require_text_only(cur, c, name);
    const detail_vector::rankings_input in = detail_vector::rankings_input_of(cur);
    aiperf::detail::json_members body;
    body.set("query", aiperf::detail::json_string(in.query));
    body.set("texts", detail_vector::passages_json(in.passages, false));
    return finish(body);
  }
};

static_assert(Endpoint<hf_tei_rankings>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
