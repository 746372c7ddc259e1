#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs npm `eventsource-parser` (the SSE reference the transport differential test runs
# under node) into a cache dir outside the repo.  Idempotent.  The test finds it through
# AIPERF_SSE_NPM (default: the dir below); with CI=true a missing install fails the test.
set -euo pipefail
dir="${AIPERF_SSE_NPM:-${XDG_CACHE_HOME:-$HOME/.cache}/aiperf/sse-npm}"
pkg=eventsource-parser@3.1.1
if [ ! -f "$dir/node_modules/eventsource-parser/package.json" ]; then
  command -v npm >/dev/null || { echo "tests/transport/setup.sh: npm not found" >&2; exit 1; }
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"aiperf-sse-test-peers","private":true}' > "$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$pkg"
fi
echo "SSE test peer in $dir/node_modules/eventsource-parser"
