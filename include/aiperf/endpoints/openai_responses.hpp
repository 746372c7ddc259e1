// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/openai_responses.hpp — `--endpoint-type responses`: the OpenAI Responses
// API (spec load-generation §8.6).  Input items in, typed SSE events (or a response object)
// out: output text, reasoning text (the TTFT/TTFO split), usage from response.completed.
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

class openai_responses : public openai_endpoint_base<aiperf::detail::openai_api::responses> {
 public:
  static constexpr std::string_view name = "responses";
  static constexpr std::string_view description =
      "OpenAI Responses API (/v1/responses): input items in, output_text and reasoning events out";
  static constexpr std::string_view default_path = "v1/responses";

  explicit openai_responses(endpoint_options opts) : openai_endpoint_base(std::move(opts), default_path) {}

  /// The system message goes as `instructions`, the user context as a leading user item.
  static constexpr bool sends_conversation_context = true;

  /// The request for turn `t` of `c`: `input` holds message items (the user context, the
  /// history with the assistant's answers, this turn); the system message is `instructions`;
  /// the turn's cap is `max_output_tokens`.  `--extra-inputs` merge last (shallow);
  /// stream_options.include_usage is added only when streaming with --use-server-token-count
  /// (the Responses API reports usage in response.completed anyway).
  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    if (auto raw = verbatim(cur)) return *std::move(raw);
    detail_openai::require_text_only(cur, c, name);
    aiperf::detail::json_members body;
    body.set("input", detail_openai::render_messages(c, t, /*with_system=*/false, "message"));
    body.set("model", aiperf::detail::json_string(cur.model.empty() ? opts_.model : cur.model));
    body.set("stream", opts_.streaming ? "true" : "false");
    if (!c.system_message.empty()) body.set("instructions", aiperf::detail::json_string(c.system_message));
    if (cur.max_tokens >= 0) body.set("max_output_tokens", fmt::format("{}", cur.max_tokens));
    detail_openai::merge_extra(body, extra_inputs(), cur.extra_body);
    if (opts_.streaming && opts_.use_server_token_count) detail_openai::force_include_usage(body);
    return {opts_.path, detail_openai::request_headers(opts_), body.render(), "application/json"};
  }
};

static_assert(Endpoint<openai_responses>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
