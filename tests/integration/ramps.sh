#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The load ramps against aiperf-mock-server (spec load-generation §5.2, §5.3):
#  (a) --concurrency 6 --concurrency-ramp-duration 1.5: the limit steps 1, 2, ... 6, one step
#      every 0.3 s.  From profile_export.jsonl's start/end times: at each request's send, the
#      requests in flight never exceed the ramp's value then (counted from the profiling start
#      time, with 20 ms of slack), only one is in flight during the first step, the peak per
#      step grows, and the full 6 are reached after the ramp.
#  (b) --request-rate 40 --request-rate-ramp-duration 2 (constant arrivals): the server's
#      --request-log shows clearly fewer arrivals in an early 0.8 s window than in a late one.
# Margins are generous: only the shape is asserted, never a tight wall-clock time.
# usage: ramps.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
start_mock "$build" --ttft 100 --itl 5 --request-log "$work/requests.jsonl"
url="http://127.0.0.1:$MOCK_PORT"

# (a) concurrency ramp
"$build/apps/aiperf/aiperf" profile -m m --url "$url" --endpoint-type chat --streaming --tokenizer builtin \
  --osl 10 --concurrency 6 --concurrency-ramp-duration 1.5 --benchmark-duration 3 --benchmark-grace-period 5 \
  --artifact-dir "$work/conc" >"$work/conc.log" 2>&1 || { cat "$work/conc.log"; echo "FAILED: concurrency ramp run"; exit 1; }
grep -q "session concurrency ramp 1 -> 6 over 1.5 s" "$work/conc.log" || { cat "$work/conc.log"; echo "FAILED: no ramp log line"; exit 1; }
"$PY" - "$work/conc" <<'PY'
import datetime, json, sys
out = sys.argv[1]
recs = [json.loads(l)["metadata"] for l in open(f"{out}/profile_export.jsonl")]
recs = [(m["request_start_ns"], m["request_end_ns"]) for m in recs if m.get("benchmark_phase", "profiling") == "profiling"]
fail = []
if len(recs) < 30:
    fail.append(f"only {len(recs)} requests")
# The profiling phase's start (local wall time, microseconds), which the ramp counts from.
start = json.load(open(f"{out}/profile_export_aiperf.json"))["start_time"]
t0 = round(datetime.datetime.fromisoformat(start).timestamp() * 1e6) * 1000
D, target = 1.5e9, 6
def ramp(t):  # the value applied t ns after the phase start: v at D·(v−1)/(target−1)
    v = 1
    while v < target and D * v / (target - 1) <= t:
        v += 1
    return v
peak_by_step = [0] * target
for s, _ in recs:
    live = sum(1 for a, b in recs if a <= s < b)
    if live > ramp(s - t0 + 20e6):
        fail.append(f"{live} in flight {(s - t0) / 1e6:.0f} ms after the phase start; the ramp allows {ramp(s - t0 + 20e6)}")
    # Peak per step, leaving out the last 60 ms before each step (generous: the start time
    # is known to the microsecond).
    width = D / (target - 1)
    step = min(int((s - t0) / width), target - 1)
    if step == target - 1 or (s - t0) < (step + 1) * width - 60e6:
        peak_by_step[step] = max(peak_by_step[step], live)
print("peak in flight per 0.3 s step:", peak_by_step)
if peak_by_step[0] != 1:
    fail.append(f"first step: peak {peak_by_step[0]} in flight, expected 1")
if peak_by_step[-1] != target:
    fail.append(f"after the ramp: peak {peak_by_step[-1]} in flight, expected {target}")
if peak_by_step != sorted(peak_by_step):
    fail.append(f"the peak per step does not grow step-wise: {peak_by_step}")
if fail:
    sys.exit("FAILED: " + "; ".join(fail[:5]))
PY

# (b) request-rate ramp: the log's lines from here on are this run's.
logged=$(wc -l <"$work/requests.jsonl")
"$build/apps/aiperf/aiperf" profile -m m --url "$url" --endpoint-type chat --streaming --tokenizer builtin \
  --osl 2 --request-rate 40 --arrival-pattern constant --request-rate-ramp-duration 2 --benchmark-duration 4 \
  --benchmark-grace-period 5 --artifact-dir "$work/rate" >"$work/rate.log" 2>&1 ||
  { cat "$work/rate.log"; echo "FAILED: rate ramp run"; exit 1; }
grep -q "request rate ramp 2 -> 40 req/s over 2 s" "$work/rate.log" || { cat "$work/rate.log"; echo "FAILED: no rate ramp log line"; exit 1; }
"$PY" - "$work/requests.jsonl" "$logged" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()[int(sys.argv[2]):]
recv = sorted(json.loads(l)["recv_ns"] for l in lines if json.loads(l)["x_request_id"])
t0 = recv[0]
early = sum(1 for t in recv if t - t0 < 0.8e9)
late = sum(1 for t in recv if 2.5e9 <= t - t0 < 3.3e9)
print(f"{len(recv)} arrivals; first 0.8 s: {early}; 0.8 s from 2.5 s on: {late}")
# Expected about 12 early (the rate climbs from 2 req/s) and 32 late (40 req/s).
if not (len(recv) > 60 and late >= 24 and 2 * early < late):
    sys.exit(f"FAILED: the rate did not ramp: {early} early vs {late} late arrivals of {len(recv)}")
PY
echo "ramps: ok"
