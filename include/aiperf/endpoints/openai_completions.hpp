// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/openai_completions.hpp — `--endpoint-type completions`: OpenAI Completions
// (spec load-generation §8.5).  One turn, no history; `max_tokens` when the turn has a cap.
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/openai_options.hpp>
#include <aiperf/endpoints/openai_parse.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class openai_completions {
 public:
  static constexpr std::string_view name = "completions";
  static constexpr std::string_view default_path = "v1/completions";

  explicit openai_completions(openai_options opts)
      : opts_(std::move(opts)), extra_(parse_extra_inputs(opts_.extra_inputs_json)) {
    if (opts_.path.empty()) opts_.path = std::string("/").append(default_path);
  }

  [[nodiscard]] bool streaming() const noexcept { return opts_.streaming; }
  [[nodiscard]] openai_options const& options() const noexcept { return opts_; }

  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    turn const& cur = c.turns.at(t);
    aiperf::detail::json_members body;
    body.set("prompt", aiperf::detail::json_string(cur.text));
    body.set("model", aiperf::detail::json_string(cur.model.empty() ? opts_.model : cur.model));
    body.set("stream", opts_.streaming ? "true" : "false");
    if (cur.max_tokens > 0) body.set("max_tokens", fmt::format("{}", cur.max_tokens));
    return {opts_.path, detail_openai::request_headers(opts_),
            detail_openai::finish_payload(body, extra_), "application/json"};
  }

  void on_event(std::string_view data, response_sink& sink) {
    aiperf::detail::parse_openai_payload(data, aiperf::detail::openai_api::completions, scratch_, sink);
  }
  void on_body(std::string_view body, response_sink& sink) {
    aiperf::detail::parse_openai_payload(body, aiperf::detail::openai_api::completions, scratch_, sink);
  }

 private:
  openai_options opts_;
  std::vector<std::pair<std::string, std::string>> extra_;
  aiperf::detail::json_scratch scratch_;
};

static_assert(Endpoint<openai_completions>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
