// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/chat_embeddings.hpp — `--endpoint-type chat_embeddings`: a chat-shaped
// request to an embeddings API (vLLM's VLM2Vec-style /v1/embeddings with `messages`; spec
// load-generation §8.8).  The request is exactly `chat`'s (system message, history, the
// output cap, `--extra-inputs`), never streamed; the answer is read as embeddings (`data[]`,
// or an `embeddings` / `embedding` key) and produces no tokens.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/openai_chat.hpp>
#include <aiperf/endpoints/vector_parse.hpp>

#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class chat_embeddings : public openai_chat {
 public:
  static constexpr std::string_view name = "chat_embeddings";
  static constexpr std::string_view description =
      "Chat-shaped embeddings (/v1/embeddings, vLLM VLM2Vec): chat messages in, vectors out (no tokens)";
  static constexpr std::string_view default_path = "v1/embeddings";

  static constexpr bool supports_streaming = false;
  static constexpr bool produces_tokens = false;
  static constexpr bool sends_conversation_context = true;

  explicit chat_embeddings(endpoint_options opts) : openai_chat(non_streaming(std::move(opts))) {}

  [[nodiscard]] bool streaming() const noexcept { return false; }

  void on_event(std::string_view data, response_sink& sink) {
    aiperf::detail::parse_vector_payload(data, aiperf::detail::vector_api::embeddings, scratch_, sink);
  }
  void on_body(std::string_view body, response_sink& sink) {
    aiperf::detail::parse_vector_payload(body, aiperf::detail::vector_api::embeddings, scratch_, sink);
  }

 private:
  static endpoint_options non_streaming(endpoint_options o) {
    o.streaming = false;
    if (o.path.empty()) o.path = std::string("/").append(default_path);
    return o;
  }
  aiperf::detail::json_scratch scratch_;
};

static_assert(Endpoint<chat_embeddings>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
