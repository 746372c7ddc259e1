// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/openai_base.hpp — what every OpenAI-family endpoint shares: the URL path rule,
// the `--extra-inputs` shallow merge (spec load-generation §8.2, §8.3) and the response parsing.
#pragma once
#include <aiperf/config.hpp>
#include <aiperf/detail/ascii.hpp>
#include <aiperf/detail/json_text.hpp>
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/endpoint_options.hpp>
#include <aiperf/endpoints/openai_parse.hpp>

#include <simdjson.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

/// Joins the base URL's path with an endpoint path the way AIPerf does (§8.2): an override
/// (`--endpoint`) replaces the default; "" appends nothing; a base that already ends with the
/// sub-path is used as is; ".../v1" + "v1/..." does not double the "v1".
AIPERF_DECL std::string join_url_path(std::string_view base_path,
                                      std::optional<std::string_view> custom,
                                      std::string_view default_sub);

/// Parses an `--extra-inputs` JSON object into (key, minified raw value) members.
/// Throws std::invalid_argument naming the flag when it is not a JSON object.
AIPERF_DECL std::vector<std::pair<std::string, std::string>> parse_extra_inputs(
    std::string_view json);

namespace detail_openai {
/// Headers every OpenAI-family request carries: user headers, then the API key (which wins
/// over a user-supplied Authorization header).
inline std::vector<std::pair<std::string, std::string>> request_headers(endpoint_options const& o) {
  std::vector<std::pair<std::string, std::string>> h;
  for (auto const& kv : o.headers)
    if (!(o.api_key && aiperf::detail::ascii_iequals(kv.first, "authorization"))) h.push_back(kv);
  if (o.api_key) h.emplace_back("Authorization", "Bearer " + *o.api_key);
  return h;
}

/// Applies `--extra-inputs`, then the turn's own `extra` (dataset, wins last), on top of the
/// native payload (shallow merges: spec §8.3).
inline void merge_extra(aiperf::detail::json_members& body,
                        std::vector<std::pair<std::string, std::string>> const& extra,
                        std::vector<std::pair<std::string, std::string>> const& turn_extra = {}) {
  for (auto const& kv : extra) body.set(kv.first, kv.second);
  for (auto const& kv : turn_extra) body.set(kv.first, kv.second);
}

/// Forces stream_options.include_usage when the (merged) payload streams, keeping any
/// user-provided stream_options keys; a non-object stream_options is left alone.
inline void force_include_usage(aiperf::detail::json_members& body) {
  std::string const* stream = body.find("stream");
  if (stream && *stream == "true") {
    std::string const* so = body.find("stream_options");
    if (!so || *so == "null") {
      body.set("stream_options", R"({"include_usage":true})");
    } else if (!so->empty() && so->front() == '{' && so->find("\"include_usage\"") == std::string::npos) {
      // Prepend the key; built fresh rather than with insert() (GCC 12 -Wrestrict false positive).
      std::string merged = so->size() > 2 ? R"({"include_usage":true,)" : R"({"include_usage":true)";
      merged.append(*so, 1, std::string::npos);
      body.set("stream_options", std::move(merged));
    }
  }
}

/// Applies `--extra-inputs` and the turn's `extra`, then forces stream_options.include_usage
/// when the merged payload streams (upstream main behaviour, so servers report usage we can
/// compare with client-side counts).
inline std::string finish_payload(aiperf::detail::json_members& body,
                                  std::vector<std::pair<std::string, std::string>> const& extra,
                                  std::vector<std::pair<std::string, std::string>> const& turn_extra = {}) {
  merge_extra(body, extra, turn_extra);
  force_include_usage(body);
  return body.render();
}

/// A turn that is its whole request body (a mooncake `payload`): sent as it is, to the
/// endpoint's path with its headers; nullopt when the turn has none.
inline std::optional<encoded_request> verbatim_request(turn const& t, endpoint_options const& o) {
  if (t.raw_payload.empty()) return std::nullopt;
  return encoded_request{o.path, request_headers(o), t.raw_payload, "application/json"};
}

/// Refuses a turn that `endpoint` can only send as text: media (images, audio, video) or a
/// dataset `messages` list would otherwise be dropped without a word.  Thrown as
/// std::invalid_argument, which the driver reports before anything is sent.
inline void require_text_only(turn const& t, conversation const& c, std::string_view endpoint) {
  if (has_media(t))
    throw std::invalid_argument("the " + std::string(endpoint) +
                                " endpoint sends a text prompt only: the dataset has images, audio or video (conversation '" +
                                c.id + "'); use --endpoint-type chat");
  if (!t.raw_messages.empty())
    throw std::invalid_argument("the " + std::string(endpoint) + " endpoint cannot send a 'messages' list (conversation '" +
                                c.id + "'); use --endpoint-type chat");
}

/// The JSON array of role/content messages for turn `t` of `c`: the system message (when
/// `with_system`), the user context (a user message), the history (every earlier user turn,
/// each followed by the assistant's answer to it when the turn has a `reply`: spec §7.8's
/// default mode; none when the conversation's turns carry no history), then this turn.  A
/// non-empty `item_type` adds `"type":item_type` to every message (Responses input items).
inline std::string render_messages(conversation const& c, std::size_t t, bool with_system,
                                   std::string_view item_type = {}) {
  std::string messages = "[";
  auto add = [&](std::string_view role, std::string_view text) {
    if (messages.size() > 1) messages.push_back(',');
    messages.push_back('{');
    if (!item_type.empty()) {
      messages += R"("type":)";
      aiperf::detail::append_json_string(messages, item_type);
      messages.push_back(',');
    }
    messages += R"("role":)";
    aiperf::detail::append_json_string(messages, role);
    messages += R"(,"content":)";
    aiperf::detail::append_json_string(messages, text);
    messages.push_back('}');
  };
  if (with_system && !c.system_message.empty()) add("system", c.system_message);
  if (!c.user_context_message.empty()) add("user", c.user_context_message);
  for (std::size_t i = c.turns_carry_history ? 0 : t; i < t; ++i) {
    add("user", c.turns[i].text);
    if (!c.turns[i].reply.empty()) add("assistant", c.turns[i].reply);
  }
  add("user", c.turns.at(t).text);
  messages.push_back(']');
  return messages;
}
}  // namespace detail_openai

/// What every OpenAI-family endpoint shares: its options, the parsed `--extra-inputs`, and the
/// per-copy parse state behind on_event/on_body.  `Api` picks the response shape (how
/// choices[0] is read, or the Responses / Anthropic / TGI readers of impl/vendor_parse.ipp), so
/// the other vendors' endpoints reuse it too and add only their own encode.
template <aiperf::detail::openai_api Api>
class openai_endpoint_base {
 public:
  explicit openai_endpoint_base(endpoint_options opts, std::string_view default_path)
      : opts_(std::move(opts)), extra_(parse_extra_inputs(opts_.extra_inputs_json)) {
    if (opts_.path.empty()) opts_.path = std::string("/").append(default_path);
  }

  [[nodiscard]] bool streaming() const noexcept { return opts_.streaming; }
  [[nodiscard]] endpoint_options const& options() const noexcept { return opts_; }

  void on_event(std::string_view data, response_sink& sink) {
    aiperf::detail::parse_openai_payload(data, Api, scratch_, sink);
  }
  void on_body(std::string_view body, response_sink& sink) {
    aiperf::detail::parse_openai_payload(body, Api, scratch_, sink);
  }

 protected:
  /// The finished request for turn `t`: --extra-inputs, then the turn's `extra`, merged over
  /// `body`; the shared headers.
  [[nodiscard]] encoded_request finish(aiperf::detail::json_members& body, turn const& t) const {
    return {opts_.path, detail_openai::request_headers(opts_), detail_openai::finish_payload(body, extra_, t.extra_body),
            "application/json"};
  }

  /// A turn that is its whole request body (a mooncake `payload`): sent as it is, to this
  /// endpoint's path with its headers; nullopt when the turn has none.
  [[nodiscard]] std::optional<encoded_request> verbatim(turn const& t) const {
    return detail_openai::verbatim_request(t, opts_);
  }

  /// The parsed `--extra-inputs`, for endpoints that place them elsewhere than the top level
  /// (TGI's `parameters`) or finish the payload their own way.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> const& extra_inputs() const noexcept {
    return extra_;
  }

  endpoint_options opts_;

 private:
  std::vector<std::pair<std::string, std::string>> extra_;
  aiperf::detail::json_scratch scratch_;
};

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf

#if defined(AIPERF_HEADER_ONLY)
#include <aiperf/endpoints/impl/openai_base.ipp>
#endif
