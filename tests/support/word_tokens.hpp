// SPDX-License-Identifier: Apache-2.0
// A deterministic stand-in for a tokenizer in tests: one token per whitespace-separated word.
#pragma once
#include <cstddef>
#include <string_view>

namespace aiperf_test {

inline std::size_t words(std::string_view s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool sp = c == ' ' || c == '\n' || c == '\t';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

}  // namespace aiperf_test
