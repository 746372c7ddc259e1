// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/anthropic_messages.hpp — `--endpoint-type messages`: the Anthropic
// Messages API (spec load-generation §8.7).  Messages in (system at the top level), typed SSE
// events (or a message object) out: text, thinking (reasoning: the TTFT/TTFO split), usage
// from message_start and message_delta.  --api-key goes as `x-api-key`, with a default
// `anthropic-version`.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/detail/ascii.hpp>
#include <aiperf/endpoints/openai_base.hpp>
#include <aiperf/endpoints/openai_parse.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class anthropic_messages : public openai_endpoint_base<aiperf::detail::openai_api::anthropic_messages> {
 public:
  static constexpr std::string_view name = "messages";
  static constexpr std::string_view description =
      "Anthropic Messages API (/v1/messages): messages in, text and thinking deltas out (x-api-key)";
  static constexpr std::string_view default_path = "v1/messages";
  /// Sent unless the user gives their own `anthropic-version` header (-H).
  static constexpr std::string_view default_anthropic_version = "2023-06-01";
  /// `max_tokens` is required by the API: sent when the turn has no cap (upstream main's value).
  static constexpr std::int64_t default_max_tokens = 1024;

  explicit anthropic_messages(endpoint_options opts) : openai_endpoint_base(std::move(opts), default_path) {}

  /// The system message goes as the top-level `system`, the user context as a leading user message.
  static constexpr bool sends_conversation_context = true;

  /// The request for turn `t` of `c`: the messages (user context, history with the
  /// assistant's answers, this turn), the model, max_tokens (the turn's cap, else
  /// default_max_tokens), stream and `system`; then `--extra-inputs` (shallow merge).
  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    if (auto raw = verbatim(cur)) {
      raw->headers = headers();  // x-api-key, not Bearer
      return *std::move(raw);
    }
    detail_openai::require_text_only(cur, c, name);
    aiperf::detail::json_members body;
    body.set("messages", detail_openai::render_messages(c, t, /*with_system=*/false));
    body.set("model", aiperf::detail::json_string(cur.model.empty() ? opts_.model : cur.model));
    body.set("max_tokens", fmt::format("{}", cur.max_tokens >= 0 ? cur.max_tokens : default_max_tokens));
    body.set("stream", opts_.streaming ? "true" : "false");
    if (!c.system_message.empty()) body.set("system", aiperf::detail::json_string(c.system_message));
    detail_openai::merge_extra(body, extra_inputs(), cur.extra_body);
    return {opts_.path, headers(), body.render(), "application/json"};
  }

 private:
  /// User headers, then `x-api-key` (which replaces a user one) and the default
  /// `anthropic-version` when the user gave none.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> headers() const {
    using aiperf::detail::ascii_iequals;
    std::vector<std::pair<std::string, std::string>> h;
    bool version = false;
    for (auto const& kv : opts_.headers) {
      if (opts_.api_key && ascii_iequals(kv.first, "x-api-key")) continue;
      version = version || ascii_iequals(kv.first, "anthropic-version");
      h.push_back(kv);
    }
    if (opts_.api_key) h.emplace_back("x-api-key", *opts_.api_key);
    if (!version) h.emplace_back("anthropic-version", std::string(default_anthropic_version));
    return h;
  }
};

static_assert(Endpoint<anthropic_messages>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
