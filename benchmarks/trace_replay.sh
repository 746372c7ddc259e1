#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# trace_replay.sh — issue #7's trace-replay figures: for a Mooncake trace, (1) time from start to
# the first request (loading the file and preparing every prompt), (2) client peak RSS against the
# bytes of unique prompt text, and (3) replay fidelity: send lateness p50/p99 next to the same-run
# floor (a bare sleep+spin pacer at the trace's mean rate, floors/sleep_spin_floor.cpp).
#
# usage: trace_replay.sh [--build DIR] [--trace FILE] [--generate ROWS,MEAN_ISL] [--speedup R]
#                        [--fidelity-speedup R] [--smoke] [--keep]
#   --build DIR            build tree with apps/aiperf/aiperf and the mock server (default: <repo>/build)
#   --trace FILE           a Mooncake JSONL trace (default: ../shared/data/mooncake_synthetic_trace.jsonl
#                          when it exists); several --trace are measured one after the other
#   --generate ROWS,ISL    also measure a generated trace of ROWS rows averaging ISL tokens, block 512,
#                          about a third of each prompt a prefix shared by a pool of groups (the issue's
#                          12000,12000: 145 M prompt tokens, 94 M unique)
#   --speedup R            --synthesis-speedup-ratio of the load/memory runs (default 100)
#   --fidelity-speedup R   speed-up of the fidelity replay of the last trace (default 50; 0 = skip)
#   --smoke                CI form: the test fixture only, block 16, no fidelity run
#   --keep                 keep the temporary directory
# Memory is the client's peak RSS (wait4 via /usr/bin/time) minus the peak RSS of the same
# command on a 10-row fixture (tokenizer, corpus, event loops: what every run pays), divided by
# the unique prompt bytes the client logs.  Start-up is from the process start to its
# "aiperf is PROFILING" log line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

build=$REPO_DIR/build
traces=()
generate=
speedup=100
fidelity_speedup=50
smoke=0
keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=${2:?--build needs a directory}; shift 2 ;;
    --trace) traces+=("${2:?--trace needs a file}"); shift 2 ;;
    --generate) generate=${2:?--generate needs ROWS,ISL}; shift 2 ;;
    --speedup) speedup=${2:?--speedup needs a number}; shift 2 ;;
    --fidelity-speedup) fidelity_speedup=${2:?--fidelity-speedup needs a number}; shift 2 ;;
    --smoke) smoke=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (see --help)" ;;
  esac
done
[ -z "$generate" ] || [[ $generate =~ ^[0-9]+,[0-9]+$ ]] || bench_die "--generate: expected ROWS,ISL, got '$generate'"
[[ $speedup =~ ^[0-9]+([.][0-9]+)?$ ]] || bench_die "--speedup: expected a number, got '$speedup'"
[[ $fidelity_speedup =~ ^[0-9]+([.][0-9]+)?$ ]] || bench_die "--fidelity-speedup: expected a number, got '$fidelity_speedup'"
bench_find_bins "$build"
bench_need_mock
[ -x /usr/bin/time ] || bench_die "/usr/bin/time not found (apt-get install time)"
fixture=$REPO_DIR/tests/data/traces/mooncake_small.jsonl
[ -f "$fixture" ] || bench_die "the fixture $fixture is missing"

tmp=$(mktemp -d /tmp/aiperf-trace-replay.XXXXXX)
mock_pid=
cleanup() {
  [ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null || true
  [ $keep = 1 ] && echo "kept $tmp" >&2 || rm -rf "$tmp"
}
trap cleanup EXIT

if [ $smoke = 1 ]; then
  traces=("$fixture")
  generate=
  fidelity_speedup=0
elif [ ${#traces[@]} -eq 0 ] && [ -f "$REPO_DIR/../shared/data/mooncake_synthetic_trace.jsonl" ]; then
  traces=("$REPO_DIR/../shared/data/mooncake_synthetic_trace.jsonl")
fi
if [ -n "$generate" ]; then
  gen=$tmp/generated_${generate/,/x}.jsonl
  bench_log "generating a trace: $generate (rows, mean ISL), block 512"
  python3 - "$gen" "${generate%,*}" "${generate#*,}" <<'PY'
import json, random, sys
path, rows, mean_isl = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
B = 512
rng = random.Random(7)
groups = max(1, rows // 30)                     # prefix groups: ~30 rows share each
prefix_blocks = max(1, round(mean_isl / B / 3))  # a third of a mean prompt is the shared prefix
next_id = groups * prefix_blocks
span_ms = 30 * 60 * 1000                         # 30 minutes of trace
with open(path, "w") as f:
    for i in range(rows):
        isl = max(prefix_blocks * B + 1, int(rng.uniform(0.2, 1.8) * mean_isl))
        g = rng.randrange(groups)
        ids = list(range(g * prefix_blocks, (g + 1) * prefix_blocks))
        n_blocks = -(-isl // B)
        ids += list(range(next_id, next_id + n_blocks - len(ids)))
        next_id += n_blocks - prefix_blocks
        ts = int(i * span_ms / rows + rng.uniform(0, span_ms / rows))
        f.write(json.dumps({"timestamp": ts, "input_length": isl, "output_length": rng.randint(8, 64),
                            "hash_ids": ids}) + "\n")
PY
  traces+=("$gen")
fi
[ ${#traces[@]} -gt 0 ] || bench_die "no trace: give --trace FILE or --generate ROWS,ISL"

# ---- the mock server: answers at once, so what is measured is the client --------------------
portfile=$tmp/mock.port
"${BENCH_PIN_SERVER[@]}" "$MOCK_BIN" --host 127.0.0.1 --port 0 --port-file "$portfile" --ttft 0 --itl 0 --quiet \
  >"$tmp/mock.log" 2>&1 &
mock_pid=$!
bench_wait_file "$portfile" 10 || bench_die "the mock server did not start: $(cat "$tmp/mock.log")"
url=http://127.0.0.1:$(cat "$portfile")

# run NAME TRACE SPEEDUP [extra aiperf args...]: one profile run; leaves $tmp/NAME.{log,time} and
# prints "start_s peak_kb unique_bytes rows".
run() {
  local name=$1 trace=$2 ratio=$3; shift 3
  local t0
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$tmp/$name.time" "${BENCH_PIN_CLIENT[@]}" "$AIPERF_BIN" profile -m m --tokenizer builtin \
    --url "$url" --endpoint-type chat --streaming --input-file "$trace" --synthesis-speedup-ratio "$ratio" \
    --random-seed 1 --artifact-dir "$tmp/$name" --log-to-stderr "$@" >"$tmp/$name.out" 2>"$tmp/$name.log" ||
    { tail -n 20 "$tmp/$name.log" >&2; bench_die "aiperf profile on $trace failed"; }
  python3 - "$t0" "$tmp/$name.log" "$tmp/$name.time" <<'PY'
import datetime, re, sys
t0, log, tfile = float(sys.argv[1]), sys.argv[2], sys.argv[3]
start = None
unique = rows = 0
day = datetime.datetime.fromtimestamp(t0).date()
for line in open(log):
    m = re.match(r"(\d\d):(\d\d):(\d\d\.\d+) ", line)
    if m and "aiperf is PROFILING" in line and start is None:
        t = datetime.datetime.combine(day, datetime.time(int(m[1]), int(m[2]))).timestamp() + float(m[3])
        start = t - t0
    u = re.search(r"(\d+) rows read.* (\d+) bytes of prompt text stored once", line)
    if u:
        rows, unique = int(u[1]), int(u[2])
peak = int(open(tfile).read().split()[-1])
print(f"{start:.3f} {peak} {unique} {rows}")
PY
}

bench_log "baseline: the 10-row fixture (block 16)"
read -r base_start base_kb _ _ < <(run baseline "$fixture" 1000 --isl-block-size 16)
echo "baseline (tests/data/traces/mooncake_small.jsonl): start-up $base_start s, peak RSS $((base_kb / 1024)) MB"

results=()
for t in "${traces[@]}"; do
  name=$(basename "$t" .jsonl)
  extra=()
  [ "$t" = "$fixture" ] && extra=(--isl-block-size 16)
  bench_log "load + memory: $t at x$speedup"
  read -r start kb unique rows < <(run "load_$name" "$t" "$speedup" "${extra[@]}")
  over=$((kb - base_kb))
  ratio=$(python3 -c "print(f'{($over * 1024) / max($unique, 1):.2f}')")
  per_row=$(python3 -c "print(f'{max(0, $over * 1024 - $unique) / max($rows, 1):.0f}')")
  results+=("$name: $rows rows; start to first request $start s; peak RSS $((kb / 1024)) MB = baseline $((base_kb / 1024)) MB + $((over / 1024)) MB; unique prompt text $((unique / 1048576)) MB; (peak - baseline) / unique text = $ratio ($per_row bytes per row beyond the text)")
  echo "${results[-1]}"
done

if [ "$fidelity_speedup" != 0 ]; then
  t=${traces[-1]}
  name=$(basename "$t" .jsonl)
  bench_log "fidelity: $t at x$fidelity_speedup"
  run "fid_$name" "$t" "$fidelity_speedup" >/dev/null
  rate=$(python3 - "$tmp/fid_$name/profile_export_aiperf.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def val(tag, stat):
    for k in ("records", "metrics"):
        if isinstance(d.get(k), dict) and tag in d[k]: return d[k][tag].get(stat)
    return d.get(tag, {}).get(stat)
print(val("request_throughput", "avg"))
PY
)
  lateness=$(python3 - "$tmp/fid_$name/profile_export.jsonl" <<'PY'
import json, sys
xs = sorted(json.loads(l)["metrics"]["send_lateness"]["value"] for l in open(sys.argv[1]))
def pct(p):
    k = (len(xs) - 1) * p / 100
    f = int(k); c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)
print(f"{len(xs)} {pct(50):.1f} {pct(90):.1f} {pct(99):.1f} {xs[-1]:.1f}")
PY
)
  read -r n p50 p90 p99 pmax <<<"$lateness"
  floor_bin=$tmp/sleep_spin_floor
  bench_build_floor sleep_spin_floor "$floor_bin"
  floor=$("${BENCH_PIN_CLIENT[@]}" "$floor_bin" --rate "$rate" --duration 10 --seed 1)
  results+=("fidelity $name at x$fidelity_speedup ($n requests, $rate req/s): send lateness p50 $p50 / p90 $p90 / p99 $p99 / max $pmax us; same-run floor: $floor")
  echo "${results[-1]}"
fi

echo
echo "Trace replay ($(date -u +%Y-%m-%dT%H:%MZ), $BENCH_NCPU cores, $BENCH_PINNING):"
for r in "${results[@]}"; do echo "  $r"; done
