// SPDX-License-Identifier: Apache-2.0
// tests/apps/aiperf/registry_test_policies.hpp — a test-only endpoint added to the driver's
// registry with no other edit: the test suite compiles a second driver with
// -DAIPERF_DRIVER_EXTRA_POLICIES="<this file>" (tests/apps.cmake) and checks that `test_echo`
// appears in `profile --help` (--endpoint-type), `aiperf plugins` and `profile --help-markdown`,
// and that `profile --endpoint-type test_echo` runs against aiperf-mock-server (registry_profile.sh).
// This header is the "one header"; the `extra_endpoint_types` line below is the "one list line".
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/conversation.hpp>
#include <aiperf/detail/json_text.hpp>
#include <aiperf/endpoints/endpoint_options.hpp>
#include <aiperf/response_sink.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace aiperf::driver {

/// Sends a turn as the smallest /v1/completions request and takes the raw response body (or
/// each SSE event's data) as the generated text: an endpoint written outside the library that
/// shares no code with the OpenAI ones, so the test proves the registry alone wires it in.
class test_echo {
 public:
  static constexpr std::string_view name = "test_echo";
  static constexpr std::string_view description = "test only: a bare /v1/completions request, the raw body as the answer";
  static constexpr std::string_view default_path = "v1/completions";

  explicit test_echo(endpoints::endpoint_options options) : options_(std::move(options)) {}

  [[nodiscard]] bool streaming() const { return options_.streaming; }

  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t turn_index) const {
    encoded_request request;
    request.path = options_.path.empty() ? "/" + std::string(default_path) : options_.path;
    request.body = R"({"model":")";
    detail::append_json_escaped(request.body, options_.model);
    request.body += R"(","max_tokens":8,"stream":)";
    request.body += options_.streaming ? "true" : "false";
    request.body += R"(,"prompt":")";
    detail::append_json_escaped(request.body, c.turns.at(turn_index).text);
    request.body += R"("})";
    request.content_type = "application/json";
    return request;
  }

  void on_event(std::string_view data, response_sink& sink) {
    if (data == "[DONE]") {
      sink.done();
      return;
    }
    sink.content(data);
  }
  void on_body(std::string_view body, response_sink& sink) {
    sink.content(body);
    sink.done();
  }

 private:
  endpoints::endpoint_options options_;
};

using extra_endpoint_types = type_list<test_echo>;
using extra_schedule_types = type_list<>;
using extra_dataset_types = type_list<>;

}  // namespace aiperf::driver
