#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# g3_analyze.py — send lateness and delivered rate of an open-loop aiperf run (G3), from its
# profile_export.jsonl.
#
# Lateness = actual send − intended send, per request, in ns.  The fields are taken from
# whatever the driver writes, in this order (first match wins; the choice is printed):
#   1. metadata <intended> + metadata <actual>: intended in intended_send_ns | intended_ns |
#      credit_issued_ns, actual in actual_send_ns | sent_ns | request_start_ns (same clock);
#   2. a per-record metric send_lateness | schedule_lateness | credit_to_start_latency, scaled
#      from its unit.
# If none is present the run cannot be judged and the script says so (exit 3): no figure is
# ever made up.
#
# Output: a human summary and one `G3_CLIENT key=value ...` line for the calling script.
import argparse
import glob
import json
import math
import sys

INTENDED_KEYS = ("intended_send_ns", "intended_ns", "credit_issued_ns")
ACTUAL_KEYS = ("actual_send_ns", "sent_ns", "request_start_ns")
METRIC_KEYS = ("send_lateness", "schedule_lateness", "credit_to_start_latency")
UNIT_NS = {"ns": 1.0, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9, "sec": 1e9}


def percentile(sorted_vals, q):
    """Linear interpolation between closest ranks (numpy's default, aiperf's summaries)."""
    if not sorted_vals:
        return float("nan")
    pos = q / 100.0 * (len(sorted_vals) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_vals) - 1)
    return sorted_vals[lo] + (pos - lo) * (sorted_vals[hi] - sorted_vals[lo])


def load(path):
    recs = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                sys.exit(f"{path}:{n}: not JSON ({e})")
            if rec.get("metadata", {}).get("benchmark_phase", "profiling") == "profiling":
                recs.append(rec)
    return recs


def pick_source(recs):
    md = recs[0].get("metadata", {})
    for ik in INTENDED_KEYS:
        if ik in md:
            for ak in ACTUAL_KEYS:
                if ak in md and ak != ik:
                    return ("metadata", ik, ak)
    metrics = recs[0].get("metrics", {})
    for mk in METRIC_KEYS:
        if mk in metrics:
            return ("metric", mk, metrics[mk].get("unit", "ms"))
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("artifact_dir")
    ap.add_argument("--rate", type=float, required=True, help="configured --request-rate")
    ap.add_argument("--duration", type=float, required=True, help="configured --benchmark-duration")
    a = ap.parse_args()

    files = glob.glob(a.artifact_dir + "/**/profile_export.jsonl", recursive=True)
    if not files:
        print(f"g3: no profile_export.jsonl under {a.artifact_dir}", file=sys.stderr)
        return 2
    recs = load(files[0])
    if not recs:
        print(f"g3: {files[0]} holds no profiling record", file=sys.stderr)
        return 2
    src = pick_source(recs)
    if src is None:
        md_keys = sorted(recs[0].get("metadata", {}).keys())
        m_keys = sorted(recs[0].get("metrics", {}).keys())
        print("g3: the driver's JSONL carries no intended send time and no lateness metric, so send "
              f"lateness cannot be computed.\n  metadata keys: {md_keys}\n  metric keys: {m_keys}",
              file=sys.stderr)
        return 3

    late_ns, intended, actual = [], [], []
    errors = 0
    for r in recs:
        if r.get("error"):
            errors += 1
        md = r.get("metadata", {})
        if src[0] == "metadata":
            if src[1] in md and src[2] in md:
                intended.append(md[src[1]])
                actual.append(md[src[2]])
                late_ns.append(md[src[2]] - md[src[1]])
        else:
            m = r.get("metrics", {}).get(src[1])
            if m is not None:
                late_ns.append(m["value"] * UNIT_NS.get(m.get("unit", src[2]), 1e6))
            if "request_start_ns" in md:
                actual.append(md["request_start_ns"])
    if not late_ns:
        print(f"g3: no record carries {src[1]}", file=sys.stderr)
        return 3
    late_ns.sort()
    n = len(recs)
    p = {q: percentile(late_ns, q) / 1e3 for q in (50, 90, 99, 99.9)}
    early = sum(1 for v in late_ns if v < 0)
    over_1ms = sum(1 for v in late_ns if v > 1e6)

    def span_rate(ts):
        ts = sorted(ts)
        return (len(ts) - 1) / (ts[-1] - ts[0]) * 1e9 if len(ts) > 1 and ts[-1] > ts[0] else float("nan")

    sched_rate = span_rate(intended) if intended else float("nan")
    deliv_rate = span_rate(actual)
    fidelity = deliv_rate / sched_rate - 1 if intended else float("nan")
    expected = a.rate * a.duration
    z = (n - expected) / math.sqrt(expected) if expected > 0 else float("nan")

    source = f"metadata.{src[2]} - metadata.{src[1]}" if src[0] == "metadata" else f"metrics.{src[1]} ({src[2]})"
    print(f"  lateness source: {source}; {len(late_ns)} of {n} profiling records, {errors} failed")
    print(f"  send lateness us: p50={p[50]:.2f} p90={p[90]:.2f} p99={p[99]:.2f} p99.9={p[99.9]:.2f} "
          f"max={late_ns[-1] / 1e3:.2f}; early(<0)={early} over 1 ms={over_1ms}")
    print(f"  rate: configured {a.rate:.0f}/s; schedule realised {sched_rate:.2f}/s; delivered "
          f"{deliv_rate:.2f}/s (delivered/schedule - 1 = {fidelity * 100:+.4f}%); "
          f"count {n} vs R*D {expected:.0f} (Poisson z = {z:+.2f})")
    print(f"G3_CLIENT n={n} errors={errors} p50_us={p[50]:.3f} p90_us={p[90]:.3f} p99_us={p[99]:.3f} "
          f"p999_us={p[99.9]:.3f} max_us={late_ns[-1] / 1e3:.3f} scheduled_rate={sched_rate:.3f} "
          f"delivered_rate={deliv_rate:.3f} fidelity_pct={fidelity * 100:.5f} count_z={z:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
