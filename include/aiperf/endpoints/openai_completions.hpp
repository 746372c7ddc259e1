// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/openai_completions.hpp — `--endpoint-type completions`: OpenAI Completions
// (spec load-generation §8.5).  One turn, no history; `max_tokens` when the turn has a cap.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/openai_base.hpp>
#include <aiperf/endpoints/openai_parse.hpp>

#include <fmt/format.h>

#include <stdexcept>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class openai_completions : public openai_endpoint_base<aiperf::detail::openai_api::completions> {
 public:
  static constexpr std::string_view name = "completions";
  static constexpr std::string_view description = "OpenAI Completions (/v1/completions): a prompt in, text out";
  static constexpr std::string_view default_path = "v1/completions";

  explicit openai_completions(endpoint_options opts) : openai_endpoint_base(std::move(opts), default_path) {}

  /// Only the turn's prompt is sent: no system_message, no user_context_message (spec §8.5).
  static constexpr bool sends_conversation_context = false;

  /// A turn's `extra` is merged last; a `payload` turn is sent verbatim.  Media and `messages`
  /// cannot be sent as a prompt: such a turn is refused (std::invalid_argument), not trimmed.
  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    if (auto raw = verbatim(cur)) return *std::move(raw);
    detail_openai::require_text_only(cur, c, name);
    aiperf::detail::json_members body;
    body.set("prompt", aiperf::detail::json_string(cur.text));
    body.set("model", aiperf::detail::json_string(cur.model.empty() ? opts_.model : cur.model));
    body.set("stream", opts_.streaming ? "true" : "false");
    if (cur.max_tokens > 0) body.set("max_tokens", fmt::format("{}", cur.max_tokens));
    return finish(body, cur);
  }
};

static_assert(Endpoint<openai_completions>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
