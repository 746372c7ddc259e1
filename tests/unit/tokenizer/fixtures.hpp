// SPDX-License-Identifier: Apache-2.0
// Locates the npm fixtures installed by tests/tokenizer/setup.sh; missing fixtures fail under CI=true.
#pragma once
#include "catch.hpp"

#include <aiperf/tokenizer/tokenizer.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace tokfix {

/// node_modules of the test peers: $AIPERF_TOKENIZER_NPM/node_modules, else the setup.sh default.
inline std::filesystem::path npm_modules() {
  namespace fs = std::filesystem;
  if (char const* d = std::getenv("AIPERF_TOKENIZER_NPM"); d && *d) return fs::path(d) / "node_modules";
  if (char const* x = std::getenv("XDG_CACHE_HOME"); x && *x) return fs::path(x) / "aiperf/tokenizer-npm/node_modules";
  char const* home = std::getenv("HOME");
  return fs::path(home ? home : "/root") / ".cache/aiperf/tokenizer-npm/node_modules";
}

inline bool in_ci() {
  char const* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

/// True when `rel` exists under node_modules. Otherwise FAILs under CI=true, or WARNs (skip).
inline bool have(std::string const& rel) {
  auto const p = npm_modules() / rel;
  if (std::filesystem::exists(p)) return true;
  std::string const msg = "tokenizer fixture missing: " + p.string() + " (run: bash tests/tokenizer/setup.sh)";
  if (in_ci()) FAIL(msg);
  WARN(msg + " — skipping");
  return false;
}

inline std::filesystem::path path(std::string const& rel) { return npm_modules() / rel; }

}  // namespace tokfix
