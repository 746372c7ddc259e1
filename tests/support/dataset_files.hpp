// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the dataset tests: the builtin tokenizer (loaded once), writing a test file,
// and the message of the error a load throws.
#pragma once
#include <aiperf/tokenizer/tokenizer.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace aiperf_test {

/// The builtin o200k_base tokenizer, loaded once per test binary.
inline aiperf::tokenizer const& o200k() {
  static const aiperf::tokenizer tok = aiperf::load_tokenizer("builtin");
  return tok;
}

/// Writes `text` to `p` (creating its directories) and returns `p`.
inline std::filesystem::path write_file(std::filesystem::path const& p, std::string const& text) {
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

/// what() of the E that `f()` throws, or "no error".
template <class E, class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (E const& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace aiperf_test
