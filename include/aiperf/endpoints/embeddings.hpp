// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/embeddings.hpp — `--endpoint-type embeddings`: OpenAI Embeddings
// (spec load-generation §8.8).  `{"model", "input": [every non-empty text of the turn]}` plus
// `--extra-inputs`; `input` is always a list (a --batch-size batch is one request).  The turn's
// output cap is not sent (the driver logs that once).  Answers: `data[]` of embedding objects.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/vector_base.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class embeddings : public vector_endpoint_base<aiperf::detail::vector_api::embeddings> {
 public:
  static constexpr std::string_view name = "embeddings";
  static constexpr std::string_view description =
      "OpenAI Embeddings (/v1/embeddings): the turn's texts in, one vector per text out (no tokens)";
  static constexpr std::string_view default_path = "v1/embeddings";

  explicit embeddings(endpoint_options opts) : vector_endpoint_base(std::move(opts), default_path) {}

  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const { return encode_as(c, t, name); }

 protected:
  /// The request of turn `t`, refusals naming the endpoint type `type` (nim_embeddings sends the
  /// same request under its own name).
  [[nodiscard]] encoded_request encode_as(conversation const& c, std::size_t t, std::string_view type) const {
    turn const& cur = c.turns.at(t);
    if (auto raw = detail_openai::verbatim_request(cur, opts_)) return *std::move(raw);
    detail_openai::require_text_only(cur, c, type);
    std::string input;
    detail_vector::append_texts_array(input, cur);
    aiperf::detail::json_members body;
    body.set("model", model_of(cur));
    body.set("input", std::move(input));
    return finish(body);
  }
};

static_assert(Endpoint<embeddings>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
