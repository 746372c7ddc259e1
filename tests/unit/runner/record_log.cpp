// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/runner/record_log.hpp: one writer appends, a concurrent reader sees
// every published record whole, without a lock, and the blocks it releases are reused.
#include "catch.hpp"

#include <aiperf/runner/record_log.hpp>

#include <string>
#include <thread>

using namespace aiperf;

TEST_CASE("record_log publishes appended records to a concurrent reader that releases them", "[runner][record_log]") {
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
    log.release(seen);  // the writer may now reuse every whole block before `seen`
  }
  writer.join();
  CHECK(mismatches == 0);
  CHECK(log.size() == n);
}

TEST_CASE("record_log reuses the blocks its reader has released", "[runner][record_log]") {
  record_log log;
  constexpr std::size_t blocks = 20;
  std::size_t read = 0, mismatches = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    for (std::size_t i = 0; i < record_log::block_size; ++i) {
      request_record r;
      r.request_num = b * record_log::block_size + i;
      r.content = std::string(i % 5, 'y');
      log.append(std::move(r));
    }
    for (; read < log.size(); ++read)
      if (log[read].request_num != read || log[read].content.size() != read % record_log::block_size % 5) ++mismatches;
    log.release(read);
  }
  CHECK(mismatches == 0);
  CHECK(log.size() == blocks * record_log::block_size);
  // Each block was released before the next one began: one allocation served the whole run.
  CHECK(log.allocated_blocks() == 1);
}

TEST_CASE("record_log without releases keeps every block", "[runner][record_log]") {
  record_log log;
  for (std::size_t i = 0; i < 3 * record_log::block_size + 1; ++i) log.append(request_record{});
  CHECK(log.allocated_blocks() == 4);
}
