// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/image_generation.hpp — `--endpoint-type image_generation`: the OpenAI Images
// API (spec load-generation §8.11).  `{"prompt": the turn's first text, "model",
// "response_format": "b64_json", "n": 1}` (+ `"stream": true` when streaming), then
// --extra-inputs and a row's `extra` (size, quality, output_format, background, ...).  It
// produces images, not tokens: an answer with at least one image (`data[]` items with `url` or
// `b64_json`, or a streamed partial/completed image event) is the request's content response;
// the token metrics are not reported; `usage` is read with its synonyms.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/detail/ascii.hpp>
#include <aiperf/endpoints/endpoint_options.hpp>
#include <aiperf/endpoints/openai_base.hpp>
#include <aiperf/endpoints/vector_parse.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class image_generation {
 public:
  static constexpr std::string_view name = "image_generation";
  static constexpr std::string_view description =
      "OpenAI Images (/v1/images/generations): a prompt in, images (b64_json or url) out (no tokens)";
  static constexpr std::string_view default_path = "v1/images/generations";

  explicit image_generation(endpoint_options opts) : opts_(std::move(opts)), extra_(parse_extra_inputs(opts_.extra_inputs_json)) {
    if (opts_.path.empty()) opts_.path = std::string("/").append(default_path);
  }

  static constexpr bool produces_tokens = false;
  static constexpr bool sends_conversation_context = false;
  static constexpr bool sends_max_tokens = false;

  [[nodiscard]] bool streaming() const noexcept { return opts_.streaming; }

  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    if (auto raw = detail_openai::verbatim_request(cur, opts_)) return *std::move(raw);
    detail_openai::require_text_only(cur, c, name);
    // Spec §8.11: the first content of the first text (a batch sends its first prompt).
    std::string_view prompt = cur.text;
    if (!cur.texts.empty() && !cur.texts.front().contents.empty()) prompt = cur.texts.front().contents.front();
    std::string joined;
    if (prompt.empty() && !cur.prompt_blocks.empty()) prompt = joined = prompt_text(cur);
    aiperf::detail::json_members body;
    body.set("prompt", aiperf::detail::json_string(prompt));
    body.set("model", aiperf::detail::json_string(cur.model.empty() ? opts_.model : cur.model));
    body.set("response_format", R"("b64_json")");
    body.set("n", "1");
    if (opts_.streaming) body.set("stream", "true");
    detail_openai::merge_extra(body, extra_, cur.extra_body);
    return {opts_.path, detail_openai::request_headers(opts_), body.render(), "application/json"};
  }

  void on_event(std::string_view data, response_sink& sink) {
    const std::string_view d = aiperf::detail::ascii_trim(data);
    if (d.empty()) return;
    if (d == "[DONE]") return sink.done();
    aiperf::detail::parse_vector_payload(d, aiperf::detail::vector_api::images, scratch_, sink);
  }
  void on_body(std::string_view body, response_sink& sink) {
    aiperf::detail::parse_vector_payload(body, aiperf::detail::vector_api::images, scratch_, sink);
  }

 private:
  endpoint_options opts_;
  std::vector<std::pair<std::string, std::string>> extra_;
  aiperf::detail::json_scratch scratch_;
};

static_assert(Endpoint<image_generation>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
