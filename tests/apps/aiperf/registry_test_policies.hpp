// SPDX-License-Identifier: Apache-2.0
// tests/apps/aiperf/registry_test_policies.hpp — a test-only endpoint added to the driver's
// registry with no other edit: the test suite compiles a second driver with
// -DAIPERF_DRIVER_EXTRA_POLICIES="<this file>" (tests/apps.cmake) and checks that `test_echo`
// appears in `profile --help` (--endpoint-type), `aiperf plugins` and `profile --help-markdown`.
// This header is the "one header"; the `extra_endpoint_types` line below is the "one list line".
#pragma once
#include <aiperf/concepts/endpoint.hpp>
#include <aiperf/conversation.hpp>
#include <aiperf/endpoints/endpoint_options.hpp>
#include <aiperf/response_sink.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace aiperf::driver {

/// Sends a turn's text as a plain-text body and takes the whole response (or each SSE event's
/// data) as the generated text.
class test_echo {
 public:
  static constexpr std::string_view name = "test_echo";
  static constexpr std::string_view description = "test only: the prompt as a text/plain body, the body as the answer";
  static constexpr std::string_view default_path = "v1/echo";

  explicit test_echo(endpoints::endpoint_options options) : options_(std::move(options)) {}

  [[nodiscard]] bool streaming() const { return options_.streaming; }

  [[nodiscard]] encoded_request encode(conversation const& c, std::size_t turn_index) const {
    encoded_request request;
    request.path = "/" + (options_.path.empty() ? std::string(default_path) : options_.path);
    request.body = c.turns.at(turn_index).text;
    request.content_type = "text/plain";
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
