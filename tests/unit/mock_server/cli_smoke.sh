#!/usr/bin/env bash
# usage: cli_smoke.sh MOCK_BINARY — starts the mock on an ephemeral port with --port-file,
# checks the stdout line, answers a streaming request, stops on SIGTERM with exit 0 and a
# one-line summary.  Bounded: every wait has a limit.
set -euo pipefail
bin=$1
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$bin" --host 127.0.0.1 --port 0 --port-file "$work/port" --ttft 1 --itl 1 --model m1 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
port=$(cat "$work/port")
[[ $port =~ ^[0-9]+$ ]] || { echo "FAIL: port file holds '$port'"; exit 1; }
for _ in $(seq 1 100); do grep -q listening "$work/out" && break; sleep 0.05; done
grep -qx "aiperf-mock-server listening on http://127.0.0.1:$port" "$work/out" ||
  { echo "FAIL: stdout:"; cat "$work/out"; exit 1; }
body='{"model":"m1","stream":true,"max_tokens":4,"messages":[{"role":"user","content":"hi"}]}'
resp=$(python3 - "$port" "$body" <<'PY'
import sys, http.client
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
c.request("POST", "/v1/chat/completions", sys.argv[2], {"Content-Type": "application/json"})
r = c.getresponse()
print(r.status)
print(r.read().decode())
PY
)
[ "$(head -1 <<<"$resp")" = 200 ] || { echo "FAIL: $resp"; exit 1; }
n=$(grep -c '"content":' <<<"$resp")
[ "$n" = 4 ] || { echo "FAIL: $n content events"; exit 1; }
# A second server on the same port fails clearly with exit 1.
rc2=0
timeout 10 "$bin" --host 127.0.0.1 --port "$port" >"$work/out2" 2>&1 || rc2=$?
[ "$rc2" = 1 ] && grep -q "cannot listen on 127.0.0.1:$port" "$work/out2" ||
  { echo "FAIL: port in use gave exit $rc2:"; cat "$work/out2"; exit 1; }
kill -TERM "$pid"
rc=0
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
wait "$pid" || rc=$?
pid=
[ "$rc" = 0 ] || { echo "FAIL: exit $rc after SIGTERM"; cat "$work/err"; exit 1; }
grep -q "stopped by SIGTERM.*1 requests served" "$work/err" || { echo "FAIL: summary:"; cat "$work/err"; exit 1; }
echo "ok: port $port, 4 content events, clean SIGTERM: $(cat "$work/err")"
