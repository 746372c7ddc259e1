// SPDX-License-Identifier: Apache-2.0
// Replays tests/fuzz/corpus/prometheus through the libFuzzer entry point (tests/fuzz/
// prometheus_fuzz.cpp), plus every one-byte mutation of each file: none may crash or throw
// anything but prometheus_error (which the entry point absorbs).  A real fuzzing run is a
// clang build of that file (see its header); this keeps the entry point compiling and honest.
#include "catch.hpp"

#include "../../fuzz/prometheus_fuzz.cpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

TEST_CASE("prometheus fuzz entry: the corpus and its one-byte mutations never crash", "[telemetry][prometheus][fuzz]") {
  const std::filesystem::path dir = std::filesystem::path(AIPERF_SOURCE_DIR) / "tests/fuzz/corpus/prometheus";
  std::size_t files = 0, runs = 0;
  for (auto const& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ++files;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      for (char c : {'\0', '"', '\\', '{', '}', '\n', ' ', '#', 'e', '='}) {
        std::string m = text;
        if (i < m.size()) m[i] = c;
        else m += c;
        CHECK(LLVMFuzzerTestOneInput(reinterpret_cast<std::uint8_t const*>(m.data()), m.size()) == 0);
        ++runs;
      }
    }
  }
  CHECK(files >= 6);
  CHECK(runs > 1000);
}
