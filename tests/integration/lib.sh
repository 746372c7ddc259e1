# SPDX-License-Identifier: Apache-2.0
# Shared helpers for the integration tests: start a server on a free loopback port, wait for
# it, and stop it when the test exits (tests stop by themselves, whatever happens).
set -euo pipefail
# Debian's python3 has python3-numpy; another python3 first on PATH may not.
PY=${AIPERF_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# start_mock BUILD_DIR [mock flags...] -> sets MOCK_PORT
start_mock() {
  local build=$1; shift
  "$build/apps/mock_server/aiperf-mock-server" --host 127.0.0.1 --port 0 --port-file "$work/mock.port" --quiet "$@" \
    >"$work/mock.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 200); do
    [ -s "$work/mock.port" ] && break
    sleep 0.05
  done
  MOCK_PORT=$(cat "$work/mock.port")
  [ -n "$MOCK_PORT" ] || { echo "mock server did not start"; cat "$work/mock.log"; exit 1; }
}

# wait_http PORT PATH: polls until the server answers (bounded: 10 s)
wait_http() {
  python3 - "$1" "$2" <<'PY'
import sys, time, urllib.request
port, path = sys.argv[1], sys.argv[2]
for _ in range(200):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=1)
        sys.exit(0)
    except Exception:
        time.sleep(0.05)
sys.exit(f"server on port {port} did not answer {path}")
PY
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# mock_answer N: the text aiperf-mock-server (on MOCK_PORT) answers to a chat request for N tokens,
# asked directly, so a test can compare what aiperf sent as history with what the server said.
mock_answer() {
  curl -s "http://127.0.0.1:$MOCK_PORT/v1/chat/completions" -H 'Content-Type: application/json' \
    -d "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":$1}" |
    "$PY" -c 'import json,sys; print(json.load(sys.stdin)["choices"][0]["message"]["content"])'
}
