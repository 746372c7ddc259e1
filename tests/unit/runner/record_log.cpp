// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/runner/record_log.hpp: one writer appends, a concurrent reader sees
// every published record whole, without a lock.
#include "catch.hpp"

#include <aiperf/runner/record_log.hpp>

#include <string>
#include <thread>

using namespace aiperf;

TEST_CASE("record_log publishes appended records to a concurrent reader", "[runner][record_log]") {
  record_log log;
  constexpr std::size_t n = 5000;
  std::thread writer([&] {
    for (std::size_t i = 0; i < n; ++i) {
      request_record r;
      r.request_num = i;
      r.content = std::string(i % 7, 'x');
      log.append(std::move(r));
    }
  });
  std::size_t seen = 0, mismatches = 0;
  while (seen < n) {
    for (const std::size_t size = log.size(); seen < size; ++seen)
      if (log[seen].request_num != seen || log[seen].content.size() != seen % 7) ++mismatches;
  }
  writer.join();
  CHECK(mismatches == 0);
  CHECK(log.size() == n);
}
