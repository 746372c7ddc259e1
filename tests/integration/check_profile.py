#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks one aiperf artifact directory: the files exist, the summary agrees with the per-record
JSONL (numpy default percentiles, population std), and optional expectations hold."""
import argparse, json, math, os, sys
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--requests", type=int)
ap.add_argument("--ttft-ms", type=float)
ap.add_argument("--itl-ms", type=float)
ap.add_argument("--isl", type=int)
ap.add_argument("--osl", type=int)
ap.add_argument("--osl-constant", action="store_true", help="every record has the same OSL")
ap.add_argument("--streaming", action="store_true")
ap.add_argument("--errors", type=int, default=0)
a = ap.parse_args()

def fail(msg):
    sys.exit(f"check_profile: {msg}")

d = a.dir
for f in ["profile_export_aiperf.json", "profile_export_aiperf.csv", "profile_export.jsonl", "inputs.json",
          "logs/aiperf.log"]:
    if not os.path.isfile(os.path.join(d, f)):
        fail(f"missing artifact {f} in {d}: {sorted(os.listdir(d))}")

summary = json.load(open(os.path.join(d, "profile_export_aiperf.json")))
records = [json.loads(l) for l in open(os.path.join(d, "profile_export.jsonl")) if l.strip()]
prof = [r for r in records if r["metadata"].get("benchmark_phase", "profiling") == "profiling"]
ok = [r for r in prof if "error" not in r]
errs = [r for r in prof if "error" in r]
inputs = json.load(open(os.path.join(d, "inputs.json")))
if not inputs.get("data"):
    fail("inputs.json has no data")

if a.requests is not None:
    if summary["request_count"]["avg"] != a.requests:
        fail(f"request_count {summary['request_count']['avg']} != {a.requests}")
    if len(ok) != a.requests:
        fail(f"{len(ok)} successful records in JSONL, expected {a.requests}")
if len(errs) != a.errors:
    fail(f"{len(errs)} error records, expected {a.errors}: {errs[:2]}")

# Every distribution in the summary must equal numpy over the JSONL values.
checked = 0
for tag, block in summary.items():
    if not isinstance(block, dict) or "p50" not in block:
        continue
    vals = []
    for r in ok:
        m = r["metrics"].get(tag)
        if m is None:
            continue
        v = m["value"]
        vals.extend(v if isinstance(v, list) else [v])
    if not vals:
        fail(f"{tag}: in summary but no per-record values")
    x = np.asarray(vals, dtype=np.float64)
    want = {"avg": x.mean(), "min": x.min(), "max": x.max(), "std": x.std(), "count": len(x), "sum": x.sum()}
    for q in (1, 5, 10, 25, 50, 75, 90, 95, 99):
        want[f"p{q}"] = np.percentile(x, q)
    for k, w in want.items():
        if k not in block:
            fail(f"{tag}: summary lacks {k}")
        got = block[k]
        if not math.isclose(got, w, rel_tol=1e-9, abs_tol=1e-9):
            fail(f"{tag}.{k}: summary {got} != numpy {w}")
    checked += 1
if checked < 3:
    fail(f"only {checked} distributions checked")

def p50(tag):
    return summary[tag]["p50"]

if a.ttft_ms is not None and abs(p50("time_to_first_token") - a.ttft_ms) > 1.0:
    fail(f"TTFT p50 {p50('time_to_first_token')} ms not within 1 ms of {a.ttft_ms}")
if a.itl_ms is not None and abs(p50("inter_token_latency") - a.itl_ms) > 1.0:
    fail(f"ITL p50 {p50('inter_token_latency')} ms not within 1 ms of {a.itl_ms}")
if a.isl is not None:
    isl = {r["metrics"]["input_sequence_length"]["value"] for r in ok}
    if isl != {a.isl}:
        fail(f"ISL values {sorted(isl)[:10]} != {a.isl}")
if a.osl is not None:
    osl = {r["metrics"]["output_sequence_length"]["value"] for r in ok}
    if osl != {a.osl}:
        fail(f"OSL values {sorted(osl)[:10]} != {a.osl}")
if a.osl_constant:
    osl = {r["metrics"]["output_sequence_length"]["value"] for r in ok}
    if len(osl) != 1 or min(osl) <= 0:
        fail(f"OSL values not one positive constant: {sorted(osl)[:10]}")
if a.streaming and "time_to_first_token" not in summary:
    fail("streaming run without time_to_first_token")
if summary.get("was_cancelled") is not False:
    fail("was_cancelled is not false")
print(f"check_profile: OK ({len(ok)} records, {checked} distributions equal numpy)")
