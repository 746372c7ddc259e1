#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates docs/cli-options.md from include/aiperf/driver/profile_options.hpp (the option table)
# by running the driver test that compares the file with cli_options_markdown().
# Usage: scripts/gen-cli-docs.sh [build-dir]   (default: build-cli)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build-cli}"
if [[ ! -f "$build/build.ninja" && ! -f "$build/Makefile" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DAIPERF_BUILD_APPS=OFF -DAIPERF_BUILD_EXAMPLES=OFF -DAIPERF_BUILD_BENCHMARKS=OFF
fi
cmake --build "$build" --target test_driver -j2
AIPERF_UPDATE_DOCS=1 "$build/tests/test_driver" "[docs]"
echo "docs/cli-options.md regenerated"
