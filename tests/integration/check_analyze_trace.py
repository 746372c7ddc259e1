#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# An independent computation of `aiperf analyze-trace` (spec load-generation §10.1) in plain
# Python, compared with the C++ driver's --output-file JSON and console report.
# usage: check_analyze_trace.py TRACE BLOCK_SIZE REPORT_JSON CONSOLE_TEXT
import json
import math
import sys

trace, block, report, console = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

rows = [json.loads(line) for line in open(trace, encoding="utf-8") if line.strip()]
isls = [r.get("input_length") or 0 for r in rows]
osls = [r.get("output_length") or 0 for r in rows]
ids = [r.get("hash_ids") or [] for r in rows]

prefixes = {}  # tuple -> rows whose ids start with it
pairs = {}     # (position, id) -> rows carrying id there
for h in ids:
    for i in range(len(h)):
        prefixes[tuple(h[: i + 1])] = prefixes.get(tuple(h[: i + 1]), 0) + 1
        pairs[(i, h[i])] = pairs.get((i, h[i]), 0) + 1
firsts = {}
for h in ids:
    if h:
        firsts[h[0]] = firsts.get(h[0], 0) + 1

context, unique = [], []
for isl, h in zip(isls, ids):
    repeated = [pairs[(i, x)] > 1 for i, x in enumerate(h)]
    if not h:
        ctx = 0
    elif all(repeated):
        ctx = isl
    else:
        ctx = sum(repeated) * block
    context.append(ctx)
    unique.append(isl - ctx)

seen, hits = set(), []
for h in ids:
    if not h:
        continue
    n = next((i for i, x in enumerate(h) if x not in seen), len(h))
    hits.append(n / len(h))
    seen.update(h)


def percentile(values, q):
    s = sorted(values)
    h = (len(s) - 1) * q / 100
    lo = math.floor(h)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (h - lo) * (s[hi] - s[lo])


def stats(values):
    if not values:
        return None
    mean = math.fsum(values) / len(values)
    return {
        "mean": mean,
        "std_dev": math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values)),
        "min": min(values),
        "p25": percentile(values, 25),
        "median": percentile(values, 50),
        "p75": percentile(values, 75),
        "max": max(values),
    }


total = sum(prefixes.values())
expected = {
    "total_requests": len(rows),
    "unique_prefixes": len(prefixes),
    "num_prefix_groups": sum(1 for c in firsts.values() if c > 1),
    "cache_hit_rate": math.fsum(hits) / len(hits) if hits else 0.0,
    "min_isl": min(isls, default=0),
    "max_isl": max(isls, default=0),
    "avg_isl": sum(isls) / len(isls) if isls else 0.0,
    "min_osl": min(osls, default=0),
    "max_osl": max(osls, default=0),
    "avg_osl": sum(osls) / len(osls) if osls else 0.0,
    "prefix_reuse_ratio": sum(c for c in prefixes.values() if c > 1) / total if total else 0.0,
    "isl_stats": stats(isls),
    "osl_stats": stats(osls),
    "context_length_stats": stats(context),
    "unique_prompt_length_stats": stats(unique),
    "hit_rate_stats": stats(hits),
}

fail = []
got = json.load(open(report, encoding="utf-8"))
if list(got) != list(expected):
    fail.append(f"fields {list(got)}, expected {list(expected)}")


def same(a, b):
    return a == b if isinstance(b, int) else math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


for key, want in expected.items():
    have = got.get(key, "<missing>")
    if isinstance(want, dict):
        if not isinstance(have, dict) or list(have) != list(want):
            fail.append(f"{key}: {have!r}, expected {want!r}")
            continue
        for k, v in want.items():
            if not same(have[k], v):
                fail.append(f"{key}.{k}: {have[k]!r}, expected {v!r}")
    elif want is None or have is None:
        if have is not want:
            fail.append(f"{key}: {have!r}, expected {want!r}")
    elif isinstance(want, int) and not isinstance(have, int):
        fail.append(f"{key}: {have!r} is not an integer")
    elif not same(have, want):
        fail.append(f"{key}: {have!r}, expected {want!r}")

rule = "=" * 60
text = f"\nTrace Analysis Report\n{rule}\n"
text += f"{'Total requests:':<23}{len(rows):,}\n"
text += f"{'Unique prefixes:':<23}{len(prefixes):,}\n"
text += f"{'Prefix reuse ratio:':<23}{expected['prefix_reuse_ratio']:.2%}\n"
for title, key in [("Input Length", "isl_stats"), ("Context Length", "context_length_stats"),
                   ("Unique Prompt Length", "unique_prompt_length_stats"), ("Output Length", "osl_stats"),
                   ("Theoretical Hit Rates", "hit_rate_stats")]:
    text += f"\n{title}:\n"
    s = expected[key]
    if s is None:
        text += "  No data\n"
        continue
    for label, k in [("Mean:", "mean"), ("Std Dev:", "std_dev"), ("Min:", "min"), ("P25:", "p25"),
                     ("Median:", "median"), ("P75:", "p75"), ("Max:", "max")]:
        text += f"  {label:<9}{s[k]:,.2f}\n"
text += f"{rule}\n"
printed = open(console, encoding="utf-8").read()
if not printed.startswith(text):
    fail.append("console report differs:\n--- expected\n" + text + "--- printed\n" + printed)

if fail:
    print("FAILED (" + trace + ", block " + str(block) + "):\n  " + "\n  ".join(fail))
    sys.exit(1)
print(f"{trace} (block {block}): {len(expected)} fields and the console report agree")
