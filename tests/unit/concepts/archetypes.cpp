// SPDX-License-Identifier: Apache-2.0
// The archetypes of tests/unit/concepts/archetypes.hpp (the least that models each concept)
// compose: run_benchmark runs them together against a loopback server, and a custom metric that
// is only an archetype reaches the summary.  A library change that starts requiring more of a
// policy than its concept says fails here.
#include "catch.hpp"

#include "../transport/test_server.hpp"
#include "archetypes.hpp"

#include <aiperf/metrics/standard.hpp>
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

namespace {
/// The archetype dataset, saying it needs no tokenizer.
struct tokenizer_free_dataset : aiperf_test::archetypes::dataset {
  static constexpr bool needs_tokenizer = false;
};
}  // namespace

TEST_CASE("archetypes: a tokenizer is loaded only when the dataset or a named metric needs one",
          "[concepts][archetypes]") {
  std::atomic<int> requests{0};
  auto server = json_server(requests);
  // A tokenizer that cannot be loaded: a run that tries to load it fails with report.error.
  const run_settings settings{.url = "http://127.0.0.1:" + std::to_string(server.port()),
                              .tokenizer = "/nonexistent/tokenizer.json",
                              .requests = 3,
                              .concurrency = 1};
  const auto no_needs = make_metric_set(metrics::request_latency{});
  STATIC_REQUIRE_FALSE(decltype(no_needs)::needs_tokenizer(false));
  const auto ok = run_benchmark(aiperf_test::archetypes::schedule{}, aiperf_test::archetypes::endpoint{},
                                tokenizer_free_dataset{}, no_needs, settings);
  INFO(ok.to_string());
  CHECK(ok);
  CHECK(ok.ok() == 3);

  // Output token counts need it (unless the server's counts are used) ...
  const auto counted = run_benchmark(aiperf_test::archetypes::schedule{}, aiperf_test::archetypes::endpoint{},
                                     tokenizer_free_dataset{}, make_metric_set(metrics::osl{}), settings);
  CHECK_FALSE(counted);
  CHECK(counted.error.find("/nonexistent/tokenizer.json") != std::string::npos);
  auto server_counts = settings;
  server_counts.use_server_token_count = true;
  CHECK(run_benchmark(aiperf_test::archetypes::schedule{}, aiperf_test::archetypes::endpoint{},
                      tokenizer_free_dataset{}, make_metric_set(metrics::osl{}), server_counts));
  // ... and so does a dataset that does not say it needs none.
  CHECK_FALSE(run_benchmark(aiperf_test::archetypes::schedule{}, aiperf_test::archetypes::endpoint{},
                            aiperf_test::archetypes::dataset{}, no_needs, settings));
}
