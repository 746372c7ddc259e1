// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/openai_chat.hpp — `--endpoint-type chat`: OpenAI Chat Completions
// (spec load-generation §8.4).  Streaming and not; reasoning_content / reasoning deltas;
// usage with stream_options.include_usage.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/openai_base.hpp>
#include <aiperf/endpoints/openai_parse.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class openai_chat : public openai_endpoint_base<aiperf::detail::openai_api::chat> {
 public:
  static constexpr std::string_view name = "chat";
  static constexpr std::string_view description =
      "OpenAI Chat Completions (/v1/chat/completions): messages in, content and reasoning deltas out";
  static constexpr std::string_view default_path = "v1/chat/completions";

  explicit openai_chat(endpoint_options opts) : openai_endpoint_base(std::move(opts), default_path) {}

  /// Sends the conversation's system_message and user_context_message (spec §8.4).
  static constexpr bool sends_conversation_context = true;

  /// The request for turn `t` of `c`: the system message, the user context (a user message),
  /// the history (every earlier user turn, each followed by the assistant's answer to it when
  /// the turn has a `reply`: spec §7.8's default mode; none when the conversation's turns carry
  /// no history), then this turn.
  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    std::string messages = "[";
    auto add = [&](std::string_view role, std::string_view text) {
      if (messages.size() > 1) messages.push_back(',');
      messages += R"({"role":)";
      aiperf::detail::append_json_string(messages, role);
      messages += R"(,"content":)";
      aiperf::detail::append_json_string(messages, text);
      messages.push_back('}');
    };
    if (!c.system_message.empty()) add("system", c.system_message);
    if (!c.user_context_message.empty()) add("user", c.user_context_message);
    for (std::size_t i = c.turns_carry_history ? 0 : t; i < t; ++i) {
      add("user", c.turns[i].text);
      if (!c.turns[i].reply.empty()) add("assistant", c.turns[i].reply);
    }
    add("user", cur.text);
    messages.push_back(']');

    aiperf::detail::json_members body;
    body.set("messages", std::move(messages));
    body.set("model", aiperf::detail::json_string(cur.model.empty() ? opts_.model : cur.model));
    body.set("stream", opts_.streaming ? "true" : "false");
    if (cur.max_tokens >= 0)
      body.set(opts_.use_legacy_max_tokens ? "max_tokens" : "max_completion_tokens",
               fmt::format("{}", cur.max_tokens));
    return finish(body);
  }
};

static_assert(Endpoint<openai_chat>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
