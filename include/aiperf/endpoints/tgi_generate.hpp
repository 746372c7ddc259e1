// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/tgi_generate.hpp — `--endpoint-type huggingface_generate`: Hugging Face
// Text Generation Inference (spec load-generation §8.10).  POST /generate (a body with
// generated_text) or /generate_stream (SSE token events) with the prompt as `inputs`; the
// turn's cap and `--extra-inputs` go into `parameters`.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/openai_base.hpp>
#include <aiperf/endpoints/openai_parse.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class tgi_generate : public openai_endpoint_base<aiperf::detail::openai_api::tgi_generate> {
 public:
  static constexpr std::string_view name = "huggingface_generate";
  static constexpr std::string_view description =
      "Hugging Face TGI (/generate, /generate_stream when streaming): inputs in, generated text or token events out";
  static constexpr std::string_view default_path = "generate";
  /// The path when streaming (the driver and the constructor pick it with --streaming).
  static constexpr std::string_view streaming_path = "generate_stream";

  explicit tgi_generate(endpoint_options opts) : openai_endpoint_base(with_default_path(std::move(opts)), default_path) {}

  /// The default path for a run that streams or not.
  static constexpr std::string_view path_for(bool streaming) noexcept {
    return streaming ? streaming_path : default_path;
  }

  /// Only the turn's prompt is sent: no system_message, no user_context_message.
  static constexpr bool sends_conversation_context = false;

  /// {"inputs": the turn's text, "parameters": {"max_new_tokens": cap, ...--extra-inputs}}.
  /// TGI's exception to the body merge (spec §8.3): `--extra-inputs` go into `parameters`.
  /// With --use-server-token-count and no streaming, `details: true` is asked for, so the
  /// body reports generated_tokens (a stream's last event always carries them).
  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    if (auto raw = verbatim(cur)) return *std::move(raw);
    detail_openai::require_text_only(cur, c, name);
    aiperf::detail::json_members params;
    if (cur.max_tokens >= 0) params.set("max_new_tokens", fmt::format("{}", cur.max_tokens));
    if (opts_.use_server_token_count && !opts_.streaming) params.set("details", "true");
    detail_openai::merge_extra(params, extra_inputs());
    aiperf::detail::json_members body;
    body.set("inputs", aiperf::detail::json_string(cur.text));
    body.set("parameters", params.render());
    detail_openai::merge_extra(body, {}, cur.extra_body);  // dataset `extra` stays top level (§8.3)
    return {opts_.path, detail_openai::request_headers(opts_), body.render(), "application/json"};
  }

 private:
  static endpoint_options with_default_path(endpoint_options o) {
    if (o.path.empty()) o.path = std::string("/").append(path_for(o.streaming));
    return o;
  }
};

static_assert(Endpoint<tgi_generate>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
