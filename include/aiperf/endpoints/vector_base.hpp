// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/vector_base.hpp — what the endpoints that produce no tokens share
// (embeddings, rankings: spec load-generation §8.1, §8.8, §8.9): they never stream, their
// answers are read by parse_vector_payload, their bodies get `--extra-inputs` merged last
// (§8.3; a dataset's per-turn extra body is not applied to them), and the turn's texts are
// read one by one (turn::texts: a --batch-size batch, rankings' "query" and "passages").
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/conversation.hpp>
#include <aiperf/detail/json_text.hpp>
#include <aiperf/endpoints/endpoint_options.hpp>
#include <aiperf/endpoints/openai_base.hpp>
#include <aiperf/endpoints/vector_parse.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

namespace detail_vector {
/// Appends every non-empty text of `t` to `out` as a JSON array of strings: each content of
/// each named group in order (a batch), or the turn's one prompt.
inline void append_texts_array(std::string& out, turn const& t) {
  out.push_back('[');
  bool first = true;
  auto add = [&](std::string_view s) {
    if (s.empty()) return;
    if (!first) out.push_back(',');
    first = false;
    aiperf::detail::append_json_string(out, s);
  };
  if (!t.texts.empty()) {
    for (auto const& group : t.texts)
      for (auto const& s : group.contents) add(s);
  } else if (!t.text.empty() || t.prompt_blocks.empty()) {
    add(t.text);
  } else {
    add(prompt_text(t));
  }
  out.push_back(']');
}

/// Rankings' inputs (spec §8.9): the first text of the group named "query" (or "queries"),
/// and every text of the group named "passages".
struct rankings_input {
  std::string_view query;
  std::vector<std::string_view> passages;
};

inline rankings_input rankings_input_of(turn const& t) {
  rankings_input in;
  bool has_query = false;
  for (auto const& group : t.texts) {
    if ((group.name == "query" || group.name == "queries") && !has_query && !group.contents.empty()) {
      in.query = group.contents.front();
      has_query = true;
    } else if (group.name == "passages") {
      for (auto const& p : group.contents) in.passages.emplace_back(p);
    }
  }
  if (!has_query)
    throw std::invalid_argument(
        "Rankings request requires a text with name 'query' or 'queries'. Provide a Text object with name='query' "
        "or name='queries' containing the search query.");
  return in;
}

/// `[{"text":p},...]` (NIM) or `[p,...]` (HF TEI, Cohere).
inline std::string passages_json(std::vector<std::string_view> const& passages, bool as_objects) {
  std::string out = "[";
  for (std::size_t i = 0; i < passages.size(); ++i) {
    if (i) out.push_back(',');
    if (as_objects) out += R"({"text":)";
    aiperf::detail::append_json_string(out, passages[i]);
    if (as_objects) out.push_back('}');
  }
  out.push_back(']');
  return out;
}
}  // namespace detail_vector

/// The shared part of an endpoint that produces no tokens.  `Api` picks how answers are read.
template <aiperf::detail::vector_api Api>
class vector_endpoint_base {
 public:
  vector_endpoint_base(endpoint_options opts, std::string_view default_path)
      : opts_(std::move(opts)), extra_(parse_extra_inputs(opts_.extra_inputs_json)) {
    if (opts_.path.empty()) opts_.path = std::string("/").append(default_path);
    opts_.streaming = false;  // these APIs answer with one JSON body
  }

  /// Capabilities (spec §8.1): no streaming, no output tokens; the driver drops the token
  /// metrics (ISL, OSL, TTFT, ITL, ...) and ignores --streaming for them.
  static constexpr bool supports_streaming = false;
  static constexpr bool produces_tokens = false;
  /// Only the turn's texts are sent: no system_message, no user_context_message.
  static constexpr bool sends_conversation_context = false;
  /// The turn's output cap is not sent (the driver logs once when a turn has one).
  static constexpr bool sends_max_tokens = false;

  [[nodiscard]] bool streaming() const noexcept { return false; }
  [[nodiscard]] endpoint_options const& options() const noexcept { return opts_; }

  void on_event(std::string_view data, response_sink& sink) {
    aiperf::detail::parse_vector_payload(data, Api, scratch_, sink);
  }
  void on_body(std::string_view body, response_sink& sink) {
    aiperf::detail::parse_vector_payload(body, Api, scratch_, sink);
  }

 protected:
  [[nodiscard]] std::string model_of(turn const& t) const {
    return aiperf::detail::json_string(t.model.empty() ? opts_.model : t.model);
  }
  /// The finished request: --extra-inputs merged over `body` (shallow), the shared headers.
  /// A dataset's `extra` is not applied (spec §8.3: embeddings and rankings take none).
  [[nodiscard]] encoded_request finish(aiperf::detail::json_members& body) const {
    detail_openai::merge_extra(body, extra_);
    return {opts_.path, detail_openai::request_headers(opts_), body.render(), "application/json"};
  }

  endpoint_options opts_;

 private:
  std::vector<std::pair<std::string, std::string>> extra_;
  aiperf::detail::json_scratch scratch_;
};

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
