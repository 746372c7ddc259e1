#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# --num-profile-runs and --concurrency sweeps against aiperf-mock-server: every run a complete
# artifact set under profile_runs/run_NNNN/, warmup before the first run only, seed 42 in every
# run, and an aggregate whose mean, std, cv, se and Student-t interval equal an independent
# computation from the runs' own summary JSON (t quantiles from a published table, not a library).
# usage: multi_run.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
aiperf="$build/apps/aiperf/aiperf"
start_mock "$build" --ttft 3 --itl 1
url="http://127.0.0.1:$MOCK_PORT"
common=(-m m --tokenizer builtin --url "$url" --endpoint-type chat --streaming --isl 20 --osl 8 --ui none)

"$aiperf" profile "${common[@]}" --concurrency 2 --request-count 8 --warmup-request-count 2 --num-profile-runs 3 \
  --artifact-dir "$work/three" >"$work/three.log" 2>&1 || { cat "$work/three.log"; echo "FAILED: 3 runs exited non-zero"; exit 1; }
grep -q "Confidence over 3 of 3 runs" "$work/three.log" || { cat "$work/three.log"; echo "FAILED: no confidence table"; exit 1; }

"$aiperf" profile "${common[@]}" --concurrency 1,2 --parameter-sweep-mode independent --num-profile-runs 2 \
  --confidence-level 0.9 --request-count 4 --artifact-dir "$work/indep" >"$work/indep.log" 2>&1 ||
  { cat "$work/indep.log"; echo "FAILED: independent sweep exited non-zero"; exit 1; }
"$aiperf" profile "${common[@]}" --concurrency 1,3 --request-count 6 --random-seed 7 --artifact-dir "$work/rep" \
  >"$work/rep.log" 2>&1 || { cat "$work/rep.log"; echo "FAILED: repeated sweep exited non-zero"; exit 1; }

"$PY" - "$work" <<'PY'
import csv, io, json, math, os, sys
work = sys.argv[1]
fail = []
# Two-sided Student-t critical values t(1 - alpha/2, df) from a published table.
T = {(0.95, 2): 4.302652729911275, (0.95, 1): 12.706204736174694, (0.90, 1): 6.313751514675043}
singles = []
STATS = ["avg", "min", "max", "sum", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "std"]

def check_aggregate(runs_dir, labels, agg_dir, level, name):
    runs = [json.load(open(f"{runs_dir}/{l}/profile_export_aiperf.json")) for l in labels]
    agg = json.load(open(f"{agg_dir}/profile_export_aiperf_aggregate.json"))
    meta = agg["metadata"]
    want_meta = {"aggregation_type": "confidence", "num_profile_runs": len(labels), "num_successful_runs": len(labels),
                 "failed_runs": [], "confidence_level": level, "run_labels": labels}
    for k, v in want_meta.items():
        if meta.get(k) != v:
            fail.append(f"{name}: metadata {k} = {meta.get(k)!r}, expected {v!r}")
    if agg["schema_version"] != "1.0":
        fail.append(f"{name}: schema_version {agg['schema_version']}")
    expected = {}
    for run in runs:
        for tag, block in run.items():
            if not isinstance(block, dict) or "unit" not in block:
                continue
            for stat in STATS:
                if stat in block:
                    expected.setdefault(f"{tag}_{stat}", (block["unit"], []))[1].append(float(block[stat]))
    if set(expected) != set(agg["metrics"]):
        fail.append(f"{name}: keys differ: missing {sorted(set(expected) - set(agg['metrics']))[:5]}, "
                    f"extra {sorted(set(agg['metrics']) - set(expected))[:5]}")
    checked = 0
    for key, (unit, xs) in expected.items():
        got = agg["metrics"].get(key)
        if got is None:
            continue
        n = len(xs)
        mean = sum(xs) / n
        if n == 1:  # a key present in one run only: a zero-width interval, no t
            singles.append(key)
            want = {"mean": mean, "std": 0, "min": mean, "max": mean, "se": 0, "cv": 0, "ci_low": mean, "ci_high": mean}
            if "t_critical" in got:
                fail.append(f"{name}: {key} has one value but a t_critical")
        else:
            t = T[(level, n - 1)]  # a metric missing from a run has fewer values (e.g. no chunk gaps)
            std = math.sqrt(sum((x - mean) ** 2 for x in xs) / (n - 1))
            se = std / math.sqrt(n)
            want = {"mean": mean, "std": std, "min": min(xs), "max": max(xs), "se": se,
                    "ci_low": mean - t * se, "ci_high": mean + t * se, "t_critical": t}
            if mean != 0:
                want["cv"] = std / mean
        # Relative to the magnitudes involved: ci_low = mean - t*se may cancel to near zero.
        scale = abs(mean) + want["t_critical"] * want["se"] if "t_critical" in want else abs(mean)
        for k, v in want.items():
            if not math.isclose(got.get(k, float("nan")), v, rel_tol=1e-9, abs_tol=1e-9 * (scale + 1)):
                fail.append(f"{name}: {key}.{k} = {got.get(k)}, independent computation {v}")
        if got["unit"] != unit:
            fail.append(f"{name}: {key} unit {got['unit']} != {unit}")
        checked += 1
    # The CSV holds the same numbers, %.2f (cv, se, t_critical %.4f), CRLF, then the metadata rows.
    raw = open(f"{agg_dir}/profile_export_aiperf_aggregate.csv", newline="").read()
    if "\r\n" not in raw or "\n" in raw.replace("\r\n", ""):
        fail.append(f"{name}: CSV line endings are not CRLF")
    rows = list(csv.reader(io.StringIO(raw)))
    if rows[0] != ["metric", "mean", "std", "min", "max", "cv", "se", "ci_low", "ci_high", "t_critical", "unit"]:
        fail.append(f"{name}: CSV header {rows[0]}")
    blank = rows.index([])
    for row in rows[1:blank]:
        m = agg["metrics"][row[0]]
        for i, k in enumerate(["mean", "std", "min", "max", "cv", "se", "ci_low", "ci_high", "t_critical"], start=1):
            digits = 4 if k in ("cv", "se", "t_critical") else 2
            if k in m and row[i] != f"{m[k]:.{digits}f}":
                fail.append(f"{name}: CSV {row[0]} {k} {row[i]} != {m[k]:.{digits}f}")
    tail = {r[0]: r[1] for r in rows[blank + 1:]}
    if tail != {"Aggregation Type": "confidence", "Total Runs": str(len(labels)), "Successful Runs": str(len(labels)),
                "Confidence Level": str(level), "Run Labels": str(labels)}:
        fail.append(f"{name}: CSV metadata rows {tail}")
    if checked < 50:
        fail.append(f"{name}: only {checked} aggregate keys checked")
    return runs, checked

# 1. Three runs: full artifact sets, warmup in run 1 only, seed 42 everywhere, same workload.
base = f"{work}/three"
labels = ["run_0001", "run_0002", "run_0003"]
for l in labels:
    for f in ["profile_export_aiperf.json", "profile_export_aiperf.csv", "profile_export.jsonl", "inputs.json",
              "profile_export_console.txt", "logs/aiperf.log"]:
        if not os.path.exists(f"{base}/profile_runs/{l}/{f}"):
            fail.append(f"three: {l}/{f} missing")
runs, checked = check_aggregate(f"{base}/profile_runs", labels, f"{base}/aggregate", 0.95, "three")
warm = ["warmup_metrics" in r for r in runs]
if warm != [True, False, False]:
    fail.append(f"three: warmup_metrics per run {warm}, expected only the first run warmed up")
seeds = [r["run_info"]["random_seed"] for r in runs]
if seeds != [42, 42, 42]:
    fail.append(f"three: seeds {seeds}, expected 42 in every run (--set-consistent-seed)")
inputs = [open(f"{base}/profile_runs/{l}/inputs.json").read() for l in labels]
if len(set(inputs)) != 1:
    fail.append("three: the runs did not replay the same workload (inputs.json differ)")
counts = [r["request_count"]["avg"] for r in runs]
if counts != [8, 8, 8]:
    fail.append(f"three: request counts {counts}")

# 2. Independent sweep: <label>/profile_runs/run_NNNN and <label>/aggregate, 90% intervals (df = 1).
for c in (1, 2):
    d = f"{work}/indep/concurrency_{c}"
    runs2, _ = check_aggregate(f"{d}/profile_runs", ["run_0001", "run_0002"], f"{d}/aggregate", 0.90, f"indep c={c}")
    got = [r["input_config"]["loadgen"]["concurrency"] for r in runs2]
    if got != [c, c]:
        fail.append(f"indep c={c}: input_config concurrency {got}")

# 3. Repeated sweep (the default mode), one run: trial_0001/<label>/profile_runs/run_0001, no aggregate.
for c in (1, 3):
    d = f"{work}/rep/profile_runs/trial_0001/concurrency_{c}/profile_runs/run_0001"
    if not os.path.exists(f"{d}/profile_export_aiperf.json"):
        fail.append(f"rep: {d} missing")
        continue
    s = json.load(open(f"{d}/profile_export_aiperf.json"))
    if s["input_config"]["loadgen"]["concurrency"] != c or s["request_count"]["avg"] != 6:
        fail.append(f"rep c={c}: concurrency {s['input_config']['loadgen']['concurrency']}, count {s['request_count']}")
    want_seed = 7 + (0 if c == 1 else 1)  # each value its own seed without --parameter-sweep-same-seed
    if s["run_info"]["random_seed"] != want_seed:
        fail.append(f"rep c={c}: seed {s['run_info']['random_seed']}, expected {want_seed}")
if os.path.exists(f"{work}/rep/aggregate"):
    fail.append("rep: an aggregate was written for single runs")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail[:40]))
    print("keys with a single value:", singles)
    sys.exit(1)
print(f"multi-run: 3 runs, {checked} aggregate keys equal the independent t computation; sweeps laid out: OK")
PY

# Adaptive convergence: the input length is the same in every run (cv 0), so 5 requested runs stop
# after the minimum of 3; an unreachable threshold on latency runs all 4 requested.
"$aiperf" profile "${common[@]}" --concurrency 2 --request-count 4 --num-profile-runs 5 \
  --convergence-metric input_sequence_length --convergence-mode cv --artifact-dir "$work/conv" >"$work/conv.log" 2>&1 ||
  { cat "$work/conv.log"; echo "FAILED: convergence run exited non-zero"; exit 1; }
"$aiperf" profile "${common[@]}" --concurrency 2 --request-count 4 --num-profile-runs 4 \
  --convergence-metric request_latency --convergence-stat p50 --convergence-threshold 1e-12 \
  --artifact-dir "$work/noconv" >"$work/noconv.log" 2>&1 ||
  { cat "$work/noconv.log"; echo "FAILED: non-converging run exited non-zero"; exit 1; }
"$PY" - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
conv = sorted(os.listdir(f"{work}/conv/profile_runs"))
noconv = sorted(os.listdir(f"{work}/noconv/profile_runs"))
meta = json.load(open(f"{work}/conv/aggregate/profile_export_aiperf_aggregate.json"))["metadata"]
if conv != ["run_0001", "run_0002", "run_0003"] or meta["num_profile_runs"] != 3:
    sys.exit(f"FAILED: converged run made {conv}, metadata says {meta['num_profile_runs']} runs")
if noconv != ["run_0001", "run_0002", "run_0003", "run_0004"]:
    sys.exit(f"FAILED: a threshold no run can meet still stopped early: {noconv}")
print("multi-run: convergence stops after 3 of 5 runs (cv 0), runs all 4 when never met: OK")
PY

# Flags that only mean something with several runs or a sweep are refused, naming the flag.
expect_error() {
  local want=$1; shift
  if "$aiperf" profile "${common[@]}" --request-count 4 "$@" >"$work/bad.log" 2>&1; then
    echo "FAILED: accepted: $*"; exit 1
  fi
  grep -qF -- "$want" "$work/bad.log" || { cat "$work/bad.log"; echo "FAILED: expected '$want' for: $*"; exit 1; }
}
expect_error "--confidence-level only applies when running multiple trials" --confidence-level 0.9
expect_error "--profile-run-cooldown-seconds only applies when --num-profile-runs > 1" --profile-run-cooldown-seconds 1
expect_error "--num-profile-runs: must be between 1 and 10, got 11" --num-profile-runs 11
expect_error "--confidence-level: must be strictly between 0 and 1, got 1" --num-profile-runs 2 --confidence-level 1
expect_error "Duplicate values would overwrite each other's artifacts: [10]" --concurrency 10,20,10
expect_error "--parameter-sweep-mode only applies when sweeping parameters" --concurrency 2 --parameter-sweep-mode independent
expect_error "Invalid concurrency value: x" --concurrency 2,x
expect_error "--convergence-metric only applies when --num-profile-runs > 1" --convergence-metric request_latency
expect_error "--convergence-mode requires --convergence-metric to be set" --num-profile-runs 2 --convergence-mode cv
expect_error "not supported yet" --num-profile-runs 2 --convergence-metric request_latency --convergence-mode distribution
echo "multi-run: bad combinations refused: OK"
