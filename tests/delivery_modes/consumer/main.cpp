// SPDX-License-Identifier: Apache-2.0
// Uses the installed aiperf::compiled: the transport's definitions come from the library.
#include <aiperf/transport/http_request.hpp>
#include <aiperf/transport/url.hpp>

#include <cstdio>

#if !defined(AIPERF_SEPARATE_COMPILATION)
#error "aiperf::compiled must define AIPERF_SEPARATE_COMPILATION for its users"
#endif

int main() {
  const aiperf::url u = aiperf::parse_url("https://example.com/v1");
  const std::string wire = aiperf::build_http_request("GET", u.host_header(), u.path, {}, "", "");
  std::printf("compiled consumer ok %s\n", wire.substr(0, wire.find('\r')).c_str());
}
