#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# An independent check of `aiperf synthesize-trace` (spec load-generation §10.2, §10.3) in plain
# Python: apply_multipliers written out from the spec's pseudo-code, compared with every output
# row (hash ids and input lengths exactly; output lengths and id-less input lengths must be
# values of the input's; timestamps int(ts / ratio); session_id and delay kept; each line exactly
# what json.dumps writes), then the console: the parameters, the counts and the statistics of
# the output's hash-id prefix tree (root included, as upstream's RadixTree counts).
# usage: check_synthesize_trace.py INPUT OUTPUT CONSOLE BLOCK SPEEDUP PREFIX_LEN ROOTS PROMPT_LEN MAX_ISL|- SEED
import json
import sys

src, out, console = sys.argv[1], sys.argv[2], sys.argv[3]
B, S, P, R, Q = int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7]), float(sys.argv[8])
M = None if sys.argv[9] == "-" else int(sys.argv[9])
seed = int(sys.argv[10])


def apply_multipliers(ids, L):
    inc = L % B or B
    ids = list(ids)
    next_id = ids[-1] + 1
    m = len(ids)
    if P > 1:
        k = int(m * (P - 1))
        if k > 0:
            L += (B - inc) + (k - 1) * B + inc
            ids += range(next_id, next_id + k)
            next_id += k
    elif P < 1:
        kept = max(1, int(m * P))
        ids = ids[:kept]
        L = (kept - 1) * B + inc
    if Q > 1:
        k = int(Q - 1)
        if k > 0:
            cur = L % B or B
            L += (B - cur) + (k - 1) * B + cur
            ids += range(next_id, next_id + k)
            next_id += k
    if R > 1:
        extra = (R - 1) * len(ids)
        ids += range(next_id, next_id + extra)
    return ids, L


rows = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
lines = [line.rstrip("\n") for line in open(out, encoding="utf-8")]
got = [json.loads(line) for line in lines]
isl_set = {r["input_length"] for r in rows if "input_length" in r} or {512}
osl_set = {r["output_length"] for r in rows if "output_length" in r} or {64}
cap = (lambda v: min(v, M)) if M else (lambda v: v)

fail = []
if len(got) != len(rows):
    fail.append(f"{len(got)} output rows for {len(rows)} input rows")
for n, (r, g, line) in enumerate(zip(rows, got, lines), 1):
    where = f"row {n}"
    if line != json.dumps(g):
        fail.append(f"{where}: not json.dumps' text: {line}")
    expected_keys = ["input_length", "output_length"] + [
        k for k in ("hash_ids", "timestamp", "session_id", "delay") if k in r and (k != "hash_ids" or r[k])
    ]
    if list(g) != expected_keys:
        fail.append(f"{where}: fields {list(g)}, expected {expected_keys}")
    if r.get("hash_ids"):
        ids, isl = apply_multipliers(r["hash_ids"], r["input_length"])
        if g.get("hash_ids") != ids:
            fail.append(f"{where}: hash_ids {g.get('hash_ids')}, expected {ids}")
        if g["input_length"] != cap(isl):
            fail.append(f"{where}: input_length {g['input_length']}, expected {cap(isl)}")
    elif g["input_length"] not in {cap(v) for v in isl_set}:
        fail.append(f"{where}: input_length {g['input_length']} is not one of the input's {sorted(isl_set)}")
    if g["output_length"] not in osl_set:
        fail.append(f"{where}: output_length {g['output_length']} is not one of the input's {sorted(osl_set)}")
    if "timestamp" in r and g.get("timestamp") != int(r["timestamp"] / S):
        fail.append(f"{where}: timestamp {g.get('timestamp')}, expected {int(r['timestamp'] / S)}")
    for k in ("session_id", "delay"):
        if k in r and g.get(k) != r[k]:
            fail.append(f"{where}: {k} {g.get(k)!r}, expected {r[k]!r}")

prefixes = {tuple(g["hash_ids"][: i + 1]) for g in got for i in range(len(g.get("hash_ids", [])))}
depth = max((len(g.get("hash_ids", [])) for g in got), default=0)
expected_console = [
    "",
    "Starting trace synthesis...",
    f"Input file:                {src}",
    f"Output file:               {out}",
    f"Block size:                {B}",
    f"Speedup ratio:             {S:.2f}",
    f"Prefix length multiplier:  {P:.2f}",
    f"Prefix root multiplier:    {R}",
    f"Prompt length multiplier:  {Q:.2f}",
] + ([f"Max ISL:                   {M}"] if M else []) + [
    f"Seed:                      {seed}",
    "",
    f"Generated {len(rows)} synthetic traces",
    f"Output saved to {out}",
    "",
    "Synthesis Statistics:",
    f"  Tree nodes: {len(prefixes) + 1}",
    f"  Tree depth: {depth}",
    "",
]
text = open(console, encoding="utf-8").read().split("\n")
if text[-1] == "":
    text.pop()
if text != expected_console:
    fail.append("console differs:\n    " + "\n    ".join(f"{a!r} | {b!r}" for a, b in zip(text + [""] * 30, expected_console)
                                             if a != b))
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print(f"synthesize-trace: {len(got)} rows match the independent apply_multipliers (B={B}, x{P}, x{Q}, r={R}, "
      f"speed-up {S}, max ISL {M}); tree {len(prefixes) + 1} nodes, depth {depth}: OK")
