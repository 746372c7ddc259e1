// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/openai_chat.hpp — `--endpoint-type chat`: OpenAI Chat Completions
// (spec load-generation §8.4).  Streaming and not; reasoning_content / reasoning deltas;
// usage with stream_options.include_usage.
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

class openai_chat : public openai_endpoint_base<aiperf::detail::openai_api::chat> {
 public:
  static constexpr std::string_view name = "chat";
  static constexpr std::string_view description =
      "OpenAI Chat Completions (/v1/chat/completions): messages in, content and reasoning deltas out";
  static constexpr std::string_view default_path = "v1/chat/completions";

  explicit openai_chat(endpoint_options opts) : openai_endpoint_base(std::move(opts), default_path) {}

  /// Sends the conversation's system_message and user_context_message (spec §8.4).
  static constexpr bool sends_conversation_context = true;
  /// Writes media `data` into the body as it is: prepared requests share the bytes
  /// (runner/prepared_dataset.hpp).
  static constexpr bool writes_media_verbatim = true;

  /// The request for turn `t` of `c`: the system message, the user context (a user message),
  /// the history (every earlier user turn, each followed by the assistant's answer to it when
  /// the turn has a `reply`: spec §7.8's default mode; none when the conversation's turns carry
  /// no history), then this turn.  A turn is `{"role":"user","content":C}` with C its text, or
  /// content parts when it has several texts or media (texts, images, audios, videos: spec
  /// §8.4); a turn with a `messages` list contributes those messages as they are.  `tools` is
  /// the most recent turn's list; `extra` is merged last; a `payload` turn is sent verbatim.
  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    if (auto raw = verbatim(cur)) return *std::move(raw);
    std::string messages = "[";
    auto open = [&](std::string_view role) {
      if (messages.size() > 1) messages.push_back(',');
      messages += R"({"role":)";
      aiperf::detail::append_json_string(messages, role);
      messages += R"(,"content":)";
    };
    auto add = [&](std::string_view role, std::string_view text) {
      open(role);
      aiperf::detail::append_json_string(messages, text);
      messages.push_back('}');
    };
    auto add_turn = [&](turn const& u) {
      if (!u.raw_messages.empty()) {
        // The list's elements, spliced as they are ("[]" adds nothing).
        const std::string_view inner = std::string_view(u.raw_messages).substr(1, u.raw_messages.size() - 2);
        if (inner.empty()) return;
        if (messages.size() > 1) messages.push_back(',');
        messages += inner;
        return;
      }
      open("user");
      append_content(messages, u);
      messages.push_back('}');
    };
    if (!c.system_message.empty()) add("system", c.system_message);
    if (!c.user_context_message.empty()) add("user", c.user_context_message);
    const std::size_t first = c.turns_carry_history ? 0 : t;
    for (std::size_t i = first; i < t; ++i) {
      add_turn(c.turns[i]);
      if (!c.turns[i].reply.empty()) add("assistant", c.turns[i].reply);
    }
    add_turn(cur);
    messages.push_back(']');

    aiperf::detail::json_members body;
    body.set("messages", std::move(messages));
    body.set("model", aiperf::detail::json_string(cur.model.empty() ? opts_.model : cur.model));
    body.set("stream", opts_.streaming ? "true" : "false");
    for (std::size_t i = t + 1; i-- > first;)
      if (!c.turns[i].raw_tools.empty()) {
        body.set("tools", c.turns[i].raw_tools);
        break;
      }
    if (cur.max_tokens >= 0)
      body.set(opts_.use_legacy_max_tokens ? "max_tokens" : "max_completion_tokens",
               fmt::format("{}", cur.max_tokens));
    return finish(body, cur);
  }

  /// Appends the `content` of a user turn: its text as a string, or (several texts, or media) a
  /// list of parts in the order texts, images, audios, videos.  Empty texts are skipped;
  /// no parts at all is "".  Audio must be base64 bytes with a format (a local file, "wav,<b64>"
  /// or an audio data URI): OpenAI's input_audio takes no URL.
  static void append_content(std::string& out, turn const& u) {
    const bool one_text = u.texts.empty() || (u.texts.size() == 1 && u.texts[0].contents.size() == 1);
    if (one_text && !has_media(u)) {  // one text with one content: the bare string
      aiperf::detail::append_json_string(out, u.texts.empty() ? u.text : u.texts[0].contents[0]);
      return;
    }
    const std::size_t start = out.size();
    out.push_back('[');
    auto part = [&](std::string_view type) {
      if (out.size() > start + 1) out.push_back(',');
      out += R"({"type":)";
      aiperf::detail::append_json_string(out, type);
    };
    auto text_part = [&](std::string_view s) {
      if (s.empty()) return;
      part("text");
      out += R"(,"text":)";
      aiperf::detail::append_json_string(out, s);
      out.push_back('}');
    };
    if (u.texts.empty()) {
      text_part(u.text);
    } else {
      for (auto const& g : u.texts)
        for (auto const& s : g.contents) text_part(s);
    }
    for (auto const& m : u.images) {
      part("image_url");
      out += R"(,"image_url":{"url":)";
      aiperf::detail::append_json_string(out, *m.data);
      out.push_back('}');
      if (!m.uuid.empty()) {
        out += R"(,"uuid":)";
        aiperf::detail::append_json_string(out, m.uuid);
      }
      out.push_back('}');
    }
    for (auto const& m : u.audios) {
      if (m.format.empty())
        throw std::invalid_argument(
            "audio content must be in the format 'format,b64_audio' (wav or mp3, or a local file), got '" +
            m.data->substr(0, 64) + (m.data->size() > 64 ? "...'" : "'") + ": the chat endpoint sends audio inline");
      part("input_audio");
      out += R"(,"input_audio":{"data":)";
      aiperf::detail::append_json_string(out, *m.data);
      out += R"(,"format":)";
      aiperf::detail::append_json_string(out, m.format);
      out += "}}";
    }
    for (auto const& m : u.videos) {
      part("video_url");
      out += R"(,"video_url":{"url":)";
      aiperf::detail::append_json_string(out, *m.data);
      out += "}}";
    }
    if (out.size() == start + 1) {  // nothing to send: an empty string, as upstream
      out.resize(start);
      out += R"("")";
      return;
    }
    out.push_back(']');
  }
};

static_assert(Endpoint<openai_chat>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
