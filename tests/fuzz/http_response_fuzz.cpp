// SPDX-License-Identifier: Apache-2.0
// libFuzzer entry point for the HTTP/1.1 response parser
// (include/aiperf/transport/http_response_parser.hpp).  The input is split into two feeds at a
// point chosen by its first byte (a response arrives in arbitrary pieces), the parser follows
// each response on a keep-alive connection until the bytes run out, then sees EOF.  The
// parser must never read outside its input, loop without progress, or emit more body bytes
// than it was given.  Built by scripts/fuzz.sh (cmake -DAIPERF_FUZZ=ON, clang++).
#include <aiperf/transport/http_response_parser.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t cut = data[0] % (size + 1);
  const bool head = (data[0] & 0x80) != 0;
  const std::string_view all(reinterpret_cast<char const*>(data) + 1, size - 1);
  aiperf::http_response_parser p(4096);
  p.reset(head);
  std::size_t body = 0;
  auto on_headers = [&] { (void)p.status(), (void)p.content_type(), (void)p.transfer_encoding(); };
  auto on_body = [&](std::string_view b) { body += b.size(); };
  std::string_view parts[2] = {all.substr(0, std::min(cut, all.size())), all.substr(std::min(cut, all.size()))};
  bool stop = false;
  for (auto part : parts) {
    while (!stop && !part.empty()) {
      const std::size_t used = p.feed(part, on_headers, on_body);
      if (used > part.size()) std::abort();
      part.remove_prefix(used);
      if (p.failed()) {
        stop = true;
      } else if (p.done()) {
        if (!p.keep_alive()) stop = true;  // the rest belongs to no request
        else p.reset(false);
      } else if (used == 0) {
        std::abort();  // no progress, no completion, no error
      }
    }
  }
  if (!stop) (void)p.eof();
  if (body > all.size()) std::abort();
  (void)p.error();
  return 0;
}
