// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/raw.hpp — `--endpoint-type raw`: the dataset gives every request's complete
// body (a mooncake row's `payload`) and it is sent as it is (spec load-generation §8.11), to the
// --url as given (no path is appended) or to --endpoint.  Neither --extra-inputs nor a row's
// `extra` are merged: the body is the user's.  The answer may be any API's: it is read by
// parse_auto_payload (embeddings, rankings, text fields, choices[0], or the bare body as text).
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/endpoints/auto_parse.hpp>
#include <aiperf/endpoints/endpoint_options.hpp>
#include <aiperf/endpoints/openai_base.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace aiperf {
inline namespace v0 {
namespace endpoints {

class raw {
 public:
  static constexpr std::string_view name = "raw";
  static constexpr std::string_view description =
      "Each row's `payload` sent verbatim to the --url as given; any JSON or text answer (auto-detected)";
  static constexpr std::string_view default_path = "";

  explicit raw(endpoint_options opts) : opts_(std::move(opts)) {
    if (opts_.path.empty()) opts_.path = "/";
  }

  /// Only what the row's payload holds is sent.
  static constexpr bool sends_conversation_context = false;
  static constexpr bool sends_max_tokens = false;

  [[nodiscard]] bool streaming() const noexcept { return opts_.streaming; }

  /// Turn `t`'s payload as its body; a turn without one (synthetic prompts, a row of another
  /// kind) is refused before anything is sent.
  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t t) const {
    if (auto req = detail_openai::verbatim_request(c.turns.at(t), opts_)) return *std::move(req);
    throw std::invalid_argument("the raw endpoint sends each request's body as the dataset gives it, and turn " +
                                std::to_string(t) + " of conversation '" + c.id +
                                "' has none: give --input-file a mooncake_trace file whose rows have a `payload`");
  }

  void on_event(std::string_view data, response_sink& sink) { aiperf::detail::parse_auto_payload(data, scratch_, sink); }
  void on_body(std::string_view body, response_sink& sink) { aiperf::detail::parse_auto_payload(body, scratch_, sink); }

 private:
  endpoint_options opts_;
  aiperf::detail::json_scratch scratch_;
};

static_assert(Endpoint<raw>);

}  // namespace endpoints
}  // namespace v0
}  // namespace aiperf
