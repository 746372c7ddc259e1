// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/nim_rankings.hpp — `--endpoint-type nim_rankings` (upstream's older name:
// `rankings`): NVIDIA NIM reranking (spec load-generation §8.9).
// Request `{"model", "query": {"text": q}, "passages": [{"text": p}, ...]}` + `--extra-inputs`,
// from the turn's texts named "query" (or "queries") and "passages".  Answer: `rankings[]`.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/vector_base.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class nim_rankings : public vector_endpoint_base<aiperf::detail::vector_api::nim_rankings> {
 public:
  static constexpr std::string_view name = "nim_rankings";
  static constexpr std::string_view description =
      "NVIDIA NIM rankings (/v1/ranking): a query and passages in, a score per passage out (no tokens)";
  static constexpr std::string_view default_path = "v1/ranking";

  explicit nim_rankings(endpoint_options opts) : vector_endpoint_base(std::move(opts), default_path) {}

  /// Throws std::invalid_argument (spec §8.9's message) when the turn has no "query" text.
  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    if (auto raw = detail_openai::verbatim_request(cur, opts_)) return *std::move(raw);
    detail_openai::require_text_only(cur, c, name);
    const detail_vector::rankings_input in = detail_vector::rankings_input_of(cur);
    std::string query = R"({"text":)";
    aiperf::detail::append_json_string(query, in.query);
    query.push_back('}');
    aiperf::detail::json_members body;
    body.set("model", model_of(cur));
    body.set("query", std::move(query));
    body.set("passages", detail_vector::passages_json(in.passages, true));
    return finish(body);
  }
};

static_assert(Endpoint<nim_rankings>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
