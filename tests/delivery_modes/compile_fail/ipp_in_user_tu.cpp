// SPDX-License-Identifier: Apache-2.0
// Must not compile: with aiperf::compiled the definitions live in the library; a user TU that
// includes an impl/*.ipp as well would define them a second time (STYLE.md §6 pitfall 8).
#include <aiperf/transport/impl/url.ipp>

int main() { return aiperf::parse_url("http://h").port == 80 ? 0 : 1; }
