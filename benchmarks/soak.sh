#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# soak.sh — issue #12's bounded soak: aiperf against four aiperf-mock-servers with mixed faults
# (random 5xx, FIN and RST mid-stream, malformed chunks and in-stream errors, slow headers),
# for a fixed time.  It samples the client's RSS (/proc/PID/status VmRSS) every second and
# reports its least-squares slope (KB/min, over the whole run and over its second half), and
# checks that no record is lost: profile_export.jsonl holds one line per request the mocks
# received (their --request-log lines).
#
# usage: soak.sh [--build DIR] [--duration S] [--concurrency N] [--max-slope KB] [--keep]
#   --build DIR      build tree holding apps/aiperf/aiperf and apps/mock_server/aiperf-mock-server
#                    (default: <repo>/build)
#   --duration S     seconds of sending (default 600; the ctest short form uses 20)
#   --concurrency N  concurrent sessions (default 16)
#   --max-slope KB   fail when the second-half RSS slope exceeds KB per minute (default: report only)
#   --keep           keep the temporary directory (mock logs, request logs, JSONL, RSS samples)
# Exit status: 0 when records == requests (and the slope is under --max-slope when given).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

build=$REPO_DIR/build
duration=600
concurrency=16
max_slope=""
keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=${2:?--build needs a directory}; shift 2 ;;
    --duration) duration=${2:?--duration needs seconds}; shift 2 ;;
    --concurrency) concurrency=${2:?--concurrency needs a number}; shift 2 ;;
    --max-slope) max_slope=${2:?--max-slope needs KB/min}; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ $duration =~ ^[0-9]+$ ]] && [ "$duration" -ge 1 ] || bench_die "--duration: expected whole seconds >= 1, got '$duration'"
[[ $concurrency =~ ^[0-9]+$ ]] && [ "$concurrency" -ge 1 ] || bench_die "--concurrency: expected an integer >= 1, got '$concurrency'"
[ -z "$max_slope" ] || [[ $max_slope =~ ^[0-9]+(\.[0-9]+)?$ ]] || bench_die "--max-slope: expected a number, got '$max_slope'"
bench_find_bins "$build"
bench_need_mock

tmp=$(mktemp -d "${TMPDIR:-/tmp}/aiperf-soak.XXXXXX")
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ $keep = 1 ]; then bench_log "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# Four mocks, one fault mix each; aiperf spreads sessions over them round-robin (--url list).
faults=(
  "--error-rate 0.05 --error-status 503 --fault close=3 --fault-rate 0.05"
  "--fault reset=2 --fault-rate 0.05"
  "--fault malformed=1,error-event=5 --fault-rate 0.05"
  "--fault slow-headers=1,no-usage --fault-rate 0.03"
)
urls=()
for i in "${!faults[@]}"; do
  # shellcheck disable=SC2086  # each entry is a list of flags
  "$MOCK_BIN" --host 127.0.0.1 --port 0 --port-file "$tmp/port$i" --ttft 5 --itl 1 --quiet --seed $((i + 1)) \
    --request-log "$tmp/requests$i.jsonl" ${faults[$i]} >"$tmp/mock$i.log" 2>&1 &
  pids+=($!)
  bench_wait_file "$tmp/port$i" 10 || { cat "$tmp/mock$i.log" >&2; bench_die "aiperf-mock-server $i did not write its port file"; }
  port=$(tr -dc '0-9' <"$tmp/port$i")
  bench_wait_port "$port" 5 || bench_die "aiperf-mock-server $i is not accepting on port $port"
  urls+=("http://127.0.0.1:$port")
done
url_list=$(IFS=,; echo "${urls[*]}")
bench_log "mocks on $url_list; aiperf for ${duration}s at concurrency $concurrency"

art=$tmp/artifacts
"$AIPERF_BIN" profile --model m --url "$url_list" --endpoint-type chat --streaming \
  --concurrency "$concurrency" --benchmark-duration "$duration" --benchmark-grace-period 30 \
  --request-timeout-seconds 10 --isl 32 --osl 16 --tokenizer builtin --workers 2 --random-seed 1 \
  --export-level records --ui-type none --artifact-dir "$art" >"$tmp/aiperf.log" 2>&1 &
client=$!
pids+=("$client")
samples=$tmp/rss.txt
: >"$samples"
while kill -0 "$client" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$client/status" 2>/dev/null || true)
  [ -n "$rss" ] && echo "$(date +%s.%N) $rss" >>"$samples"
  sleep 1
done
client_status=0
wait "$client" || client_status=$?
if [ $client_status -ne 0 ]; then
  tail -n 30 "$tmp/aiperf.log" >&2
  bench_die "aiperf exited with status $client_status (output above)"
fi
# The mocks flush each request-log line as the request arrives; stop them before counting.
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
pids=()

python3 - "$samples" "$art/profile_export.jsonl" "$max_slope" "$tmp"/requests*.jsonl <<'PY'
import json, sys
samples_path, jsonl, max_slope, *logs = sys.argv[1:]
pts = [tuple(map(float, l.split())) for l in open(samples_path) if l.strip()]
pts = [(x - pts[0][0], y) for x, y in pts]

def slope(p):  # least squares, KB per minute
    if len(p) < 2: return float("nan")
    n = len(p); mx = sum(x for x, _ in p) / n; my = sum(y for _, y in p) / n
    sxx = sum((x - mx) ** 2 for x, _ in p)
    return float("nan") if sxx == 0 else 60 * sum((x - mx) * (y - my) for x, y in p) / sxx

requests = sum(1 for f in logs for l in open(f) if l.strip())
records = errors = 0
for l in open(jsonl):
    if not l.strip(): continue
    records += 1
    if json.loads(l).get("error"): errors += 1
whole, late = slope(pts), slope(pts[len(pts) // 2:])
rss = [y for _, y in pts]
print(f"soak: {len(pts)} RSS samples, VmRSS first {rss[0]:.0f} KB, max {max(rss):.0f} KB, last {rss[-1]:.0f} KB" if rss else "soak: no RSS samples")
print(f"soak: RSS slope {whole:.1f} KB/min (whole run), {late:.1f} KB/min (second half)")
# Records are kept for the end-of-run metrics, so RSS grows with the record count by design;
# the growth per record says whether that is all it is.
span = pts[-1][0] - pts[0][0] if len(pts) > 1 else 0
if span > 0 and records:
    print(f"soak: {records / span * 60:.0f} records/min; RSS growth per record {late / (records / span * 60) * 1024:.0f} B (second half)")
print(f"soak: requests received by the mocks {requests}, records in profile_export.jsonl {records} ({errors} with an error)")
ok = True
if records != requests:
    print(f"soak: FAIL: {requests - records} record(s) lost (records != requests)"); ok = False
if requests == 0:
    print("soak: FAIL: no request reached the mocks"); ok = False
if max_slope and not (late <= float(max_slope)):
    print(f"soak: FAIL: second-half RSS slope {late:.1f} KB/min over --max-slope {max_slope}"); ok = False
sys.exit(0 if ok else 1)
PY
