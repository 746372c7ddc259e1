#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates docs/cli-options.md from the option declarations (apps/aiperf/cli/options.hpp) and
# the policy registry (apps/aiperf/registry.hpp) by running the CLI test that compares the file
# with cli_options_markdown().
# Usage: scripts/gen-cli-docs.sh [build-dir]   (default: build-cli)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build-cli}"
if [[ ! -f "$build/build.ninja" && ! -f "$build/Makefile" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DAIPERF_BUILD_APPS=ON -DAIPERF_BUILD_EXAMPLES=OFF -DAIPERF_BUILD_BENCHMARKS=OFF
fi
cmake --build "$build" --target test_aiperf_cli -j2
AIPERF_UPDATE_DOCS=1 "$build/tests/test_aiperf_cli" "[docs]"
echo "docs/cli-options.md regenerated"
