#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# client_cost.sh — issue #6 ("pay only for what is named"): the client's CPU per request of a
# minimal custom main (the metric set of examples/minimal_main.cpp) against the full driver
# (`aiperf profile`, every standard metric, JSONL records on), in the same run, against the same
# aiperf-mock-server.
#
# usage: client_cost.sh [--build DIR] [--driver BIN] [--minimal BIN] [--mock BIN]
#                       [--requests N1,N2] [--concurrency C] [--isl N] [--osl N] [--rounds R]
#                       [--smoke] [--keep]
#   --build DIR        build tree with apps/aiperf/aiperf, apps/mock_server/aiperf-mock-server and
#                      benchmarks/aiperf-minimal-client (default: <repo>/build)
#   --driver BIN       the driver binary (default: DIR/apps/aiperf/aiperf)
#   --minimal BIN      the minimal client, args URL REQUESTS CONCURRENCY ISL OSL
#                      (default: DIR/benchmarks/aiperf-minimal-client)
#   --mock BIN         the mock server (default: DIR/apps/mock_server/aiperf-mock-server)
#   --requests N1,N2   the two request counts; cost = (CPU(N2) - CPU(N1)) / (N2 - N1), so start-up
#                      (tokenizer load, dataset build) and export of the summary cancel (default 2000,50000)
#   --concurrency C    closed-loop concurrency of both clients (default 32)
#   --isl N, --osl N   fixed prompt and output tokens, streaming chat (default 64 and 32)
#   --rounds R         repeat every (client, N) run R times; the medians are reported (default 3)
#   --smoke            CI form: 20 and 60 requests at concurrency 8, one round; checks the pipeline only
#   --keep             keep the temporary directory (logs, the driver's artifacts)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

build=$REPO_DIR/build
driver=
minimal=
mock=
requests=2000,50000
concurrency=32
isl=64
osl=32
rounds=3
smoke=0
keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=${2:?--build needs a directory}; shift 2 ;;
    --driver) driver=${2:?--driver needs a path}; shift 2 ;;
    --minimal) minimal=${2:?--minimal needs a path}; shift 2 ;;
    --mock) mock=${2:?--mock needs a path}; shift 2 ;;
    --requests) requests=${2:?--requests needs N1,N2}; shift 2 ;;
    --concurrency) concurrency=${2:?--concurrency needs a number}; shift 2 ;;
    --isl) isl=${2:?--isl needs a number}; shift 2 ;;
    --osl) osl=${2:?--osl needs a number}; shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
    --smoke) smoke=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (see --help)" ;;
  esac
done
if [ $smoke = 1 ]; then requests=20,60; concurrency=8; rounds=1; fi
[[ $requests =~ ^([0-9]+),([0-9]+)$ ]] || bench_die "--requests: expected N1,N2 (two request counts), got '$requests'"
n1=${BASH_REMATCH[1]}
n2=${BASH_REMATCH[2]}
[ "$n1" -ge 1 ] && [ "$n2" -gt "$n1" ] || bench_die "--requests: expected 1 <= N1 < N2, got '$requests'"
for pair in "concurrency:$concurrency" "isl:$isl" "osl:$osl" "rounds:$rounds"; do
  [[ ${pair#*:} =~ ^[0-9]+$ ]] && [ "${pair#*:}" -ge 1 ] || bench_die "--${pair%%:*}: expected an integer >= 1, got '${pair#*:}'"
done
# The driver refuses a concurrency above the request count (AIPerf's rule).
[ "$n1" -ge "$concurrency" ] || bench_die "--requests: N1 ($n1) must be at least --concurrency ($concurrency)"

driver=${driver:-$build/apps/aiperf/aiperf}
minimal=${minimal:-$build/benchmarks/aiperf-minimal-client}
mock=${mock:-$build/apps/mock_server/aiperf-mock-server}
[ -x "$driver" ] || bench_die "--driver: $driver not found (cmake --build <build> --target aiperf-cli)"
[ -x "$minimal" ] || bench_die "--minimal: $minimal not found (cmake --build <build> --target aiperf-minimal-client)"
[ -x "$mock" ] || bench_die "--mock: $mock not found (cmake --build <build> --target aiperf-mock-server)"

tmp=$(mktemp -d /tmp/aiperf-client-cost.XXXXXX)
mock_pid=
cleanup() {
  if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
  if [ $keep = 1 ]; then echo "kept: $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# The server answers at once (no TTFT, no ITL), so it limits neither client; it streams the
# OSL tokens each request asks for (max_tokens), one SSE event per token.
"${BENCH_PIN_SERVER[@]}" "$mock" --port 0 --port-file "$tmp/port" --ttft 0 --itl 0 --quiet >"$tmp/mock.log" 2>&1 &
mock_pid=$!
bench_wait_file "$tmp/port" 10 || { cat "$tmp/mock.log" >&2; bench_die "aiperf-mock-server did not write its port file"; }
port=$(tr -dc '0-9' <"$tmp/port")
bench_wait_port "$port" 5 || bench_die "aiperf-mock-server is not accepting on port $port"
url=http://127.0.0.1:$port
bench_log "aiperf-mock-server pid $mock_pid on $url ($BENCH_PINNING)"

# The measuring wrapper sits on the server core so it takes nothing from the measured client.
rusage=("${BENCH_PIN_SERVER[@]}" python3 "$BENCH_DIR/lib/rusage_run.py" --timeout 900 --server-pid "$mock_pid")
results=$tmp/results.txt
: >"$results"

run_minimal() {
  local n=$1 round=$2 log=$tmp/minimal-$1-$2.log line
  line=$("${rusage[@]}" --stdout "$log" -- "${BENCH_PIN_CLIENT[@]}" "$minimal" "$url" "$n" "$concurrency" "$isl" "$osl") ||
    { tail -n 30 "$log" >&2; bench_die "the minimal client failed ($n requests, round $round; output above)"; }
  grep -q "^MINIMAL_CLIENT ok=$n failed=0" "$log" ||
    { tail -n 30 "$log" >&2; bench_die "the minimal client did not complete $n requests (output above)"; }
  echo "client=minimal n=$n round=$round ${line#RUSAGE }" >>"$results"
}

run_driver() {
  local n=$1 round=$2 log=$tmp/driver-$1-$2.log dir=$tmp/driver-$1-$2 line records
  line=$("${rusage[@]}" --stdout "$log" -- "${BENCH_PIN_CLIENT[@]}" "$driver" profile --model m --url "$url" \
           --endpoint-type chat --streaming --concurrency "$concurrency" --request-count "$n" \
           --isl "$isl" --osl "$osl" --tokenizer builtin --workers 1 --random-seed 1 \
           --export-level records --ui-type none --artifact-dir "$dir") ||
    { tail -n 30 "$log" >&2; bench_die "the driver failed ($n requests, round $round; output above)"; }
  # Records on: the JSONL must hold one line per request, or the driver did not do the work.
  records=$(find "$dir" -name 'profile_export.jsonl' -exec cat {} + 2>/dev/null | grep -c . || true)
  [ "$records" = "$n" ] || { tail -n 30 "$log" >&2; bench_die "the driver wrote $records JSONL records, expected $n"; }
  [ $keep = 1 ] || rm -rf "$dir"
  echo "client=driver n=$n round=$round ${line#RUSAGE }" >>"$results"
}

note_before=$(bench_machine_note "before the run")
for ((round = 1; round <= rounds; round++)); do
  # Alternate the order each round so a drift in machine load does not favour one client.
  if [ $((round % 2)) = 1 ]; then order=(minimal driver); else order=(driver minimal); fi
  for client in "${order[@]}"; do
    for n in "$n1" "$n2"; do
      bench_log "round $round/$rounds: $client, $n requests, concurrency $concurrency"
      "run_$client" "$n" "$round"
    done
  done
done
note_after=$(bench_machine_note "after the run")

echo "$note_before"
echo "$note_after"
python3 - "$results" "$n1" "$n2" "$concurrency" "$isl" "$osl" "$BENCH_PINNING" "$smoke" <<'PY'
import statistics, sys
path, n1, n2, conc, isl, osl, pinning, smoke = sys.argv[1:]
n1, n2 = int(n1), int(n2)
runs = {}
for line in open(path):
    kv = dict(t.split("=", 1) for t in line.split())
    cpu, wall = float(kv["cpu_s"]), float(kv["wall_s"])
    others = float(kv["others_cores"])  # everybody else's CPU during the run, in cores
    runs.setdefault((kv["client"], int(kv["round"])), {})[int(kv["n"])] = (cpu, wall, others)

print()
print(f"Client CPU per request: streaming chat, ISL {isl} / OSL {osl} (one SSE event per token), "
      f"concurrency {conc}, aiperf-mock-server --ttft 0 --itl 0; {pinning}")
print(f"cost = (CPU({n2}) - CPU({n1})) / {n2 - n1}: start-up (tokenizer, dataset) cancels. "
      "CPU = user+sys of the client process (wait4 rusage).")
print(f"{'client':<9} {'round':>5} | {'CPU s @' + str(n1):>12} {'CPU s @' + str(n2):>12} | {'us/request':>10} "
      f"{'start-up s':>10} | {'wall s @' + str(n2):>12} {'client busy':>11} {'others':>6}")
per = {"minimal": [], "driver": [], "startup_minimal": [], "startup_driver": []}
all_others = []
for (client, rnd), by_n in sorted(runs.items()):
    (c1, _, o1), (c2, w2, o2) = by_n[n1], by_n[n2]
    cost = (c2 - c1) / (n2 - n1)
    startup = c1 - cost * n1  # the intercept: what the client spends besides requests
    per[client].append(cost)
    all_others.extend((o1, o2))
    per["startup_" + client].append(startup)
    print(f"{client:<9} {rnd:>5} | {c1:>12.3f} {c2:>12.3f} | {cost * 1e6:>10.1f} {startup:>10.3f} | {w2:>12.2f} {100 * c2 / w2 if w2 > 0 else 0:>10.0f}% {max(o1, o2):>6.2f}")
med = {k: statistics.median(v) for k, v in per.items() if v}
ratio = med["minimal"] / med["driver"] if med.get("driver", 0) > 0 else float("nan")
spread = {k: (max(per[k]) - min(per[k])) / med[k] * 100 if med[k] > 0 else 0.0 for k in ("minimal", "driver")}
print()
print(f"median over {len(per['minimal'])} round(s): minimal {med['minimal'] * 1e6:.1f} us/request "
      f"(spread {spread['minimal']:.0f}%), driver {med['driver'] * 1e6:.1f} us/request (spread {spread['driver']:.0f}%)")
print(f"ratio minimal / driver: {ratio:.3f}   (start-up CPU: minimal {med['startup_minimal']:.3f} s, "
      f"driver {med['startup_driver']:.3f} s)")
print("client busy = CPU / wall at N2: below 100% the client waited for the server (the ratio still compares "
      "like with like: same server, same load)")
print("others = cores' worth of CPU that other processes used during the run (the larger of N1 and N2; "
      "/proc/stat user+nice+system minus client and server)")
if smoke == "1":
    print("smoke run: pipeline checked only; the figures are not meaningful at this size")
print(f"CLIENT_COST_RESULT n1={n1} n2={n2} concurrency={conc} isl={isl} osl={osl} rounds={len(per['minimal'])} "
      f"minimal_us_per_request={med['minimal'] * 1e6:.2f} driver_us_per_request={med['driver'] * 1e6:.2f} "
      f"ratio_minimal_over_driver={ratio:.4f} minimal_startup_cpu_s={med['startup_minimal']:.3f} "
      f"driver_startup_cpu_s={med['startup_driver']:.3f} others_cores_median={statistics.median(all_others):.2f} "
      f"others_cores_max={max(all_others):.2f}")
PY
