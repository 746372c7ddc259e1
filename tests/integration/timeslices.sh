#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# --slice-duration against aiperf-mock-server: the timeslice JSON and CSV equal an independent
# re-bucketing of profile_export.jsonl (slice of each request's start, windows from the first
# start, the last clipped to the last start or end; counts, latencies and rates per window).
# usage: timeslices.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
start_mock "$build" --ttft 3 --itl 1
out="$work/out"
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --streaming --isl 20 --osl 8 --concurrency 2 --request-count 30 --slice-duration 0.04 --ui none \
  --artifact-dir "$out" >"$work/run.log" 2>&1 || { cat "$work/run.log"; echo "FAILED: aiperf profile exited non-zero"; exit 1; }
"$PY" - "$out" <<'PY'
import csv, io, json, math, sys
out = sys.argv[1]
fail = []
recs = [json.loads(l) for l in open(f"{out}/profile_export.jsonl")]
doc = json.load(open(f"{out}/profile_export_aiperf_timeslices.json"))
slices = doc["timeslices"]
if "input_config" not in doc or doc["input_config"]["output"]["slice_duration"] != 0.04:
    fail.append("input_config missing or without slice_duration")
slice_ns = 40_000_000
starts = [r["metadata"]["request_start_ns"] for r in recs]
ends = [r["metadata"]["request_end_ns"] for r in recs]
lo, hi = min(starts), max(max(starts), max(ends))
n = (hi - lo) // slice_ns + 1
bins = [[] for _ in range(n)]
for r in recs:
    bins[(r["metadata"]["request_start_ns"] - lo) // slice_ns].append(r)
expected = [(k, b) for k, b in enumerate(bins) if b]

def pct(xs, q):  # numpy's default linear interpolation
    xs = sorted(xs)
    h = q / 100 * (len(xs) - 1)
    f = math.floor(h)
    return xs[f] + (h - f) * (xs[min(f + 1, len(xs) - 1)] - xs[f])

if len(slices) != len(expected):
    fail.append(f"{len(slices)} slices, re-bucketing gives {len(expected)}")
if len(expected) < 2:
    fail.append(f"only {len(expected)} slice(s): the test needs several")
for pos, ((k, members), s) in enumerate(zip(expected, slices)):
    start, end = lo + k * slice_ns, lo + (k + 1) * slice_ns
    complete = end <= hi
    end = min(end, hi)
    if (s["start_ns"], s["end_ns"]) != (start, end):
        fail.append(f"slice {pos}: [{s['start_ns']}, {s['end_ns']}] expected [{start}, {end}]")
    if ("is_complete" in s) == complete or (not complete and s["is_complete"] is not False):
        fail.append(f"slice {pos}: is_complete {s.get('is_complete')} expected {complete}")
    ok = [r for r in members if "error" not in r or r["error"] is None]
    if s["request_count"]["avg"] != len(ok):
        fail.append(f"slice {pos}: request_count {s['request_count']['avg']} expected {len(ok)}")
    lat = [r["metrics"]["request_latency"]["value"] for r in ok]
    want = {"avg": sum(lat) / len(lat), "min": min(lat), "max": max(lat), "p50": pct(lat, 50), "p90": pct(lat, 90)}
    for key, v in want.items():
        if not math.isclose(s["request_latency"][key], v, rel_tol=1e-9):
            fail.append(f"slice {pos}: request_latency {key} {s['request_latency'][key]} expected {v}")
    thr = len(ok) / ((end - start) / 1e9)
    if not math.isclose(s["request_throughput"]["avg"], thr, rel_tol=1e-9):
        fail.append(f"slice {pos}: request_throughput {s['request_throughput']['avg']} expected {thr}")
raw = open(f"{out}/profile_export_aiperf_timeslices.csv", newline="").read()
rows = list(csv.reader(io.StringIO(raw)))
if rows[0] != ["Timeslice", "Metric", "Unit", "Stat", "Value"]:
    fail.append(f"CSV header {rows[0]}")
for pos, s in enumerate(slices):
    mine = [r for r in rows[1:] if r[0] == str(pos)]
    lat = {r[3]: r[4] for r in mine if r[1] == "Request Latency"}
    if lat.get("avg") != f"{s['request_latency']['avg']:.2f}" or lat.get("p99") != f"{s['request_latency']['p99']:.2f}":
        fail.append(f"CSV slice {pos}: Request Latency {lat}")
    cnt = [r for r in mine if r[1] == "Request Count"]
    if cnt != [[str(pos), "Request Count", "requests", "avg", f"{s['request_count']['avg']:.2f}"]]:
        fail.append(f"CSV slice {pos}: Request Count rows {cnt}")
    blocks = [k for k, v in s.items() if isinstance(v, dict)]
    if len(dict.fromkeys(r[1] for r in mine)) != len(blocks):
        fail.append(f"CSV slice {pos}: {len(dict.fromkeys(r[1] for r in mine))} metrics, JSON has {len(blocks)}")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail[:30]))
    sys.exit(1)
print(f"timeslices: {len(slices)} slices equal the re-bucketed JSONL (counts, latencies, rates, CSV): OK")
PY
