#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# g1_request_ceiling.sh — PERFORMANCE.md G1: requests per client CPU-second, aiperf vs wrk,
# against the same nginx (1 worker, tiny fixed chat-completion reply), in the same run.
#
# usage: g1_request_ceiling.sh [--build DIR] [--duration S] [--conns N] [--rounds N] [--smoke] [--keep]
#   --build DIR    build tree holding apps/aiperf/aiperf (default: <repo>/build)
#   --duration S   seconds each client runs (default 10)
#   --conns N      keep-alive connections / concurrency of both clients (default 64)
#   --rounds N     alternate wrk and aiperf N times; the ratio uses the totals (default 1)
#   --smoke        CI form: ~1 s per client, checks the pipeline only (never timing)
#   --keep         keep the temporary directory (nginx conf, client outputs, JSONL)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

build=$REPO_DIR/build
duration=10
conns=64
rounds=1
smoke=0
keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=${2:?--build needs a directory}; shift 2 ;;
    --duration) duration=${2:?--duration needs seconds}; shift 2 ;;
    --conns) conns=${2:?--conns needs a number}; shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
    --smoke) smoke=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ $duration =~ ^[0-9]+$ ]] && [ "$duration" -ge 1 ] || bench_die "--duration: expected whole seconds >= 1, got '$duration'"
[[ $conns =~ ^[0-9]+$ ]] && [ "$conns" -ge 1 ] || bench_die "--conns: expected an integer >= 1, got '$conns'"
[[ $rounds =~ ^[0-9]+$ ]] && [ "$rounds" -ge 1 ] || bench_die "--rounds: expected an integer >= 1, got '$rounds'"
if [ $smoke = 1 ]; then duration=1; conns=8; rounds=1; fi

command -v nginx >/dev/null || bench_die "nginx not found (apt-get install nginx-light)"
command -v wrk >/dev/null || bench_die "wrk not found (apt-get install wrk)"
bench_find_bins "$build"

tmp=$(mktemp -d /tmp/aiperf-g1.XXXXXX)
nginx_pid=
cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  if [ $keep = 1 ]; then echo "kept: $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# ---- the server: nginx, one process, fixed OpenAI chat-completion reply ----------------------
reply='{"id":"chatcmpl-g1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":16,"completion_tokens":1,"total_tokens":17}}'
start_nginx() {
  local port=$1
  mkdir -p "$tmp/nginx"
  # master_process off: a single process that is both master and the one worker, so the pid we
  # pin and sample is the one serving requests.
  cat > "$tmp/nginx/nginx.conf" <<CONF
worker_processes 1;
master_process off;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; use epoll; multi_accept on; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 100000000;
  server {
    listen 127.0.0.1:$port backlog=4096;
    location = /nginx_status { stub_status; }
    location / { default_type application/json; return 200 '$reply'; }
  }
}
CONF
  "${BENCH_PIN_SERVER[@]}" nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" >"$tmp/nginx/stdout.log" 2>&1 &
  nginx_pid=$!
  if ! bench_wait_port "$port" 5; then
    kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true
    nginx_pid=
    return 1
  fi
}
port=$(bench_free_port)
if ! start_nginx "$port"; then
  port=$(bench_free_port)  # the port was taken between probe and bind: one retry
  start_nginx "$port" || { cat "$tmp/nginx/error.log" "$tmp/nginx/stdout.log" >&2 2>/dev/null; bench_die "nginx did not start"; }
fi
url=http://127.0.0.1:$port
stub=$url/nginx_status
bench_log "nginx pid $nginx_pid on $url ($BENCH_PINNING)"

# ---- the clients -----------------------------------------------------------------------------
# The sampler lives on the server core so it does not take cycles from the measured client.
measure=("${BENCH_PIN_SERVER[@]}" python3 "$BENCH_DIR/lib/measure.py" --stub-url "$stub" --server-pid "$nginx_pid"
         --timeout $((duration * 4 + 60)))

run_aiperf() {
  local i=$1 dir=$tmp/aiperf-$1
  bench_log "aiperf round $i: --concurrency $conns --benchmark-duration $duration --workers 1"
  "${measure[@]}" --label aiperf --json "$tmp/aiperf-$i.json" --stdout "$tmp/aiperf-$i.log" -- \
    "${BENCH_PIN_CLIENT[@]}" "$AIPERF_BIN" profile --model m --url "$url" --endpoint-type chat \
      --concurrency "$conns" --benchmark-duration "$duration" --benchmark-grace-period 10 \
      --isl 16 --osl 16 --tokenizer builtin --workers 1 --random-seed 1 \
      --export-level records --ui-type none --artifact-dir "$dir" \
    || { tail -n 30 "$tmp/aiperf-$i.log" >&2; bench_die "aiperf failed (see output above)"; }
}

# wrk sends the very body aiperf sent (taken from its inputs.json when present), so both put
# the same bytes on the wire.
make_wrk_script() {
  python3 - "$tmp/aiperf-1" "$tmp/wrk.lua" <<'PY'
import glob, json, sys
src, out = sys.argv[1], sys.argv[2]
body = None
for f in glob.glob(src + "/**/inputs.json", recursive=True):
    try:
        data = json.load(open(f))
        body = json.dumps(data["data"][0]["payloads"][0], separators=(",", ":"))
        break
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        pass
if body is None:  # same shape and size as an --isl 16 --osl 16 chat request
    body = json.dumps({"messages": [{"role": "user", "content": " ".join(["token"] * 16)}],
                       "model": "m", "max_completion_tokens": 16}, separators=(",", ":"))
lua = f'''wrk.method = "POST"
wrk.body = {json.dumps(body)}
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK_RESULT requests=%d duration_us=%d status_errors=%d socket_errors=%d\\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout))
end
'''
open(out, "w").write(lua)
print(len(body))
PY
}

run_wrk() {
  local i=$1
  bench_log "wrk round $i: -t1 -c$conns -d${duration}s POST"
  "${measure[@]}" --label wrk --json "$tmp/wrk-$i.json" --stdout "$tmp/wrk-$i.log" -- \
    "${BENCH_PIN_CLIENT[@]}" wrk -t1 -c"$conns" -d"${duration}s" -s "$tmp/wrk.lua" "$url/v1/chat/completions" \
    || { cat "$tmp/wrk-$i.log" >&2; bench_die "wrk failed"; }
}

note_before=$(bench_machine_note "before the run")
run_aiperf 1
body_len=$(make_wrk_script)
bench_log "request body: $body_len bytes (both clients)"
run_wrk 1
for ((i = 2; i <= rounds; i++)); do run_aiperf "$i"; run_wrk "$i"; done

# ---- the report ------------------------------------------------------------------------------
echo "$note_before"
bench_machine_note "after the run"
python3 "$BENCH_DIR/lib/g1_report.py" --tmp "$tmp" --rounds "$rounds" --conns "$conns" \
  --duration "$duration" --pinning "$BENCH_PINNING" --body-bytes "$body_len" \
  $([ $smoke = 1 ] && echo --smoke)
