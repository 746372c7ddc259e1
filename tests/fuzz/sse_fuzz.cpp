// SPDX-License-Identifier: Apache-2.0
// libFuzzer entry point for the SSE framer (include/aiperf/transport/sse.hpp).  The stream is
// fed in pieces whose sizes come from the first byte, with a small event limit so the overflow
// path is reached too; every dispatched event's views must lie in valid memory (ASan checks
// the reads) and no event may exceed the limit.  Built by scripts/fuzz.sh.
#include <aiperf/transport/sse.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t step = static_cast<std::size_t>(data[0] % 17) + 1;
  std::string_view in(reinterpret_cast<char const*>(data) + 1, size - 1);
  constexpr std::size_t limit = 512;
  aiperf::sse_framer f(limit);
  std::size_t sum = 0;
  auto on_event = [&](aiperf::sse_event const& e) {
    for (auto v : {e.event, e.data, e.id, e.comment})
      for (char c : v) sum += static_cast<unsigned char>(c);
    if (e.data.size() > limit) std::abort();
  };
  while (!in.empty()) {
    const auto n = std::min(step, in.size());
    f.feed(in.substr(0, n), on_event);
    in.remove_prefix(n);
  }
  f.finish(on_event);
  (void)f.retry_ms();
  (void)sum;
  return 0;
}
