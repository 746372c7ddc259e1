// SPDX-License-Identifier: Apache-2.0
// Golden-file checks: `actual` must equal tests/data/golden/<name> byte for byte.
// AIPERF_UPDATE_GOLDEN=1 rewrites the file instead (review the diff!).
#pragma once
#include "catch.hpp"
#include "temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace aiperf_test {

inline void check_golden(std::string const& name, std::string const& actual) {
  const auto path = std::filesystem::path(AIPERF_TEST_DATA_DIR) / "golden" / name;
  const char* update = std::getenv("AIPERF_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
  }
  INFO("golden file " << path.string() << " (AIPERF_UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(std::filesystem::exists(path));
  CHECK(read_file(path) == actual);
}

}  // namespace aiperf_test
