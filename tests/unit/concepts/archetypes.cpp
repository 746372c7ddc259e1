// SPDX-License-Identifier: Apache-2.0
// The archetypes of tests/unit/concepts/archetypes.hpp (the least that models each concept)
// compose: run_benchmark runs them together against a loopback server, and a custom metric that
// is only an archetype reaches the summary.  A library change that starts requiring more of a
// policy than its concept says fails here.
#include "catch.hpp"

#include "../transport/test_server.hpp"
#include "archetypes.hpp"

#include <aiperf/run.hpp>

#include <atomic>
#include <string>

using namespace aiperf;

namespace {
/// Answers every request with a 200 and a fixed JSON body.
aiperf_test::test_server json_server(std::atomic<int>& requests) {
  return aiperf_test::test_server([&requests](aiperf_test::server_conn& c, int) {
    while (auto req = c.read_request()) {
      ++requests;
      const std::string body = "pong!";
      c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
              "\r\n\r\n" + body);
    }
  });
}
}  // namespace

TEST_CASE("archetypes: the minimal schedule, endpoint, dataset and metrics run together", "[concepts][archetypes]") {
  std::atomic<int> requests{0};
  auto server = json_server(requests);
  const auto report = run_benchmark(
      aiperf_test::archetypes::schedule{}, aiperf_test::archetypes::endpoint{}, aiperf_test::archetypes::dataset{},
      make_metric_set(aiperf_test::archetypes::scalar_metric{}, aiperf_test::archetypes::list_metric{}),
      run_settings{.url = "http://127.0.0.1:" + std::to_string(server.port()), .requests = 6, .concurrency = 2});
  INFO(report.to_string());
  REQUIRE(report);
  CHECK(report.ok() == 6);
  CHECK(report.failed() == 0);
  CHECK(requests.load() == 6);
  auto const* scalar = report.find("archetype_scalar");
  REQUIRE(scalar);
  CHECK(scalar->dist->count == 6);
  CHECK(scalar->dist->min == 5);  // "pong!"
  CHECK(scalar->dist->max == 5);
  auto const* list = report.find("archetype_list");
  REQUIRE(list);
  CHECK(list->dist->count == 6);  // one whole-body chunk per request
  CHECK(list->dist->avg == 5);
  CHECK(report.to_string().find("Archetype Scalar (bytes)") != std::string::npos);
}
