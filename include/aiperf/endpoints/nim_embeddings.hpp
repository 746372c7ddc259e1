// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/nim_embeddings.hpp — `--endpoint-type nim_embeddings`: NVIDIA NIM
// embeddings (spec load-generation §8.8).  The same request and answer as `embeddings`
// (`{"model", "input": [texts]}` + `--extra-inputs`, where NIM's `input_type` goes); this build
// has no image inputs, so the `<img src=...>` forms of the spec are not produced.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/embeddings.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class nim_embeddings : public embeddings {
 public:
  static constexpr std::string_view name = "nim_embeddings";
  static constexpr std::string_view description =
      "NVIDIA NIM embeddings (/v1/embeddings): the turn's texts in, one vector per text out (no tokens)";

  explicit nim_embeddings(endpoint_options opts) : embeddings(std::move(opts)) {}

  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const { return encode_as(c, t, name); }
};

static_assert(Endpoint<nim_embeddings>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
