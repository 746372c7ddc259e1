#!/usr/bin/env bash
# The README's main job: installs dependencies, builds aiperf and aiperf-mock-server, starts the
# mock server on a free loopback port, runs a real `aiperf profile` against it (printing the
# metrics table and writing artifacts under ./artifacts), then stops the server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
build=${AIPERF_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target aiperf-cli aiperf-mock-server

portfile=$(mktemp)
"$build/apps/mock_server/aiperf-mock-server" --host 127.0.0.1 --port 0 --port-file "$portfile" \
  --ttft 40 --itl 4 --quiet &
mock=$!
trap 'kill $mock 2>/dev/null || true; rm -f "$portfile"' EXIT
for _ in $(seq 1 200); do [ -s "$portfile" ] && break; sleep 0.05; done
port=$(cat "$portfile")

"$build/apps/aiperf/aiperf" profile --model m --url "http://127.0.0.1:$port" --endpoint-type chat \
  --streaming --concurrency 8 --request-count 200 --isl 128 --osl 64 --tokenizer builtin "$@"
