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

  /// The request for turn `t` of `c`: the messages (detail_openai::render_messages: system,
  /// user context, history, this turn), the model, stream and the token cap.
  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    std::string messages = detail_openai::render_messages(c, t, /*with_system=*/true);

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
