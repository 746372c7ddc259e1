// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/nim_embeddings.hpp — `--endpoint-type nim_embeddings`: NVIDIA NIM
// embeddings (spec load-generation §8.8).  The same request and answer as `embeddings`
// (`{"model", "input": [texts]}` + `--extra-inputs`, where NIM's `input_type` goes); this build
// has no image inputs, so the `<img src=...>` forms of the spec are not produced.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/vector_base.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class nim_embeddings : public vector_endpoint_base<aiperf::detail::vector_api::embeddings> {
 public:
  static constexpr std::string_view name = "nim_embeddings";
  static constexpr std::string_view description =
      "NVIDIA NIM embeddings (/v1/embeddings): the turn's texts in, one vector per text out (no tokens)";
  static constexpr std::string_view default_path = "v1/embeddings";

  explicit nim_embeddings(endpoint_options opts) : vector_endpoint_base(std::move(opts), default_path) {}

  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    if (auto raw = detail_openai::verbatim_request(cur, opts_)) return *std::move(raw);
    detail_openai::require_text_only(cur, c, name);
    std::string input;
    detail_vector::append_texts_array(input, cur);
    aiperf::detail::json_members body;
    body.set("model", model_of(cur));
    body.set("input", std::move(input));
    return finish(body);
  }
};

static_assert(Endpoint<nim_embeddings>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
