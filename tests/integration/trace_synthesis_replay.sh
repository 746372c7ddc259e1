#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The synthesis transform at profile time (spec §7.6.7, §10.3): the Mooncake fixture replayed
# against aiperf-mock-server with --synthesis-prefix-len-multiplier 2 (block size 16, at 10x).
# Checked from the artifacts with an independent apply_multipliers in Python: every row with
# hash ids is sent with its transformed input length (profile_export.jsonl ISL), rows without
# ids with one of the trace's input lengths, every max_completion_tokens is one of the trace's
# output lengths, and prompts of rows with equal new ids are byte-identical (inputs.json).
# Then --synthesis-prefix-root-multiplier 2: every ISL is still the row's own.
# usage: trace_synthesis_replay.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
trace="$src/tests/data/traces/mooncake_small.jsonl"
start_mock "$build" --ttft 1 --itl 1

replay() {  # replay NAME FLAGS...: profile into $work/NAME
  local name=$1; shift
  "$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
    --input-file "$trace" --isl-block-size 16 --synthesis-speedup-ratio 10 --random-seed 3 \
    --artifact-dir "$work/$name" "$@" >"$work/$name.log" 2>&1 ||
    { cat "$work/$name.log"; echo "FAILED: aiperf profile $* exited non-zero"; exit 1; }
  grep -q "synthesis transform applied" "$work/$name.log" || { cat "$work/$name.log"; echo "FAILED: no synthesis line"; exit 1; }
}
replay prefix2 --synthesis-prefix-len-multiplier 2
replay roots2 --synthesis-prefix-root-multiplier 2

"$PY" - "$work" "$trace" <<'PY'
import json, sys
work, trace = sys.argv[1], sys.argv[2]
B = 16
rows = [json.loads(l) for l in open(trace) if l.strip()]
lines = [i + 1 for i, l in enumerate(open(trace)) if l.strip()]
isl_set = {r["input_length"] for r in rows if "input_length" in r}
osl_set = {r["output_length"] for r in rows if "output_length" in r}

def prefix_x2(ids, L):  # apply_multipliers with prefix_len_multiplier 2 (spec §10.3)
    inc = L % B or B
    k = int(len(ids) * (2 - 1))
    return ids + list(range(ids[-1] + 1, ids[-1] + 1 + k)), L + (B - inc) + (k - 1) * B + inc

def load(name):
    recs = [json.loads(l) for l in open(f"{work}/{name}/profile_export.jsonl")]
    by_conv = {}
    for r in recs:
        by_conv.setdefault(r["metadata"]["conversation_id"], []).append(r)
    for v in by_conv.values():
        v.sort(key=lambda r: r["metadata"]["turn_index"])
    sent = {s["session_id"]: s["payloads"] for s in json.load(open(f"{work}/{name}/inputs.json"))["data"]}
    return recs, by_conv, sent

fail = []
for name in ("prefix2", "roots2"):
    recs, by_conv, sent = load(name)
    if len(recs) != len(rows):
        fail.append(f"{name}: {len(recs)} records for {len(rows)} rows")
    turn_of = {}
    new_ids = {}
    for n, r in zip(lines, rows):
        conv = r.get("session_id", f"line-{n}")
        t = turn_of.get(conv, 0)
        turn_of[conv] = t + 1
        rec = by_conv[conv][t]
        isl = rec["metrics"]["input_sequence_length"]["value"]
        if rec.get("error"):
            fail.append(f"{name} line {n}: error {rec['error']}")
        if r.get("hash_ids"):
            ids, want = prefix_x2(r["hash_ids"], r["input_length"]) if name == "prefix2" else (None, r["input_length"])
            if isl != want:
                fail.append(f"{name} line {n}: ISL {isl}, transformed input length {want}")
            if ids:
                new_ids.setdefault(tuple(ids), []).append(sent[conv][t]["messages"][-1]["content"])
        elif isl not in isl_set:
            fail.append(f"{name} line {n}: ISL {isl} is not one of the trace's {sorted(isl_set)}")
        mt = sent[conv][t].get("max_completion_tokens")
        if mt not in osl_set:
            fail.append(f"{name} line {n}: max_completion_tokens {mt} is not one of the trace's {sorted(osl_set)}")
    for ids, prompts in new_ids.items():
        if len(set(prompts)) != 1:
            fail.append(f"{name}: rows with ids {list(ids)} were sent different prompts")
    if name == "prefix2":
        p = {ids: ps[0] for ids, ps in new_ids.items()}
        # [5] of 16 -> [5, 6] of 32 (rows 1 and s1's first turn); [5, 6] of 32 -> [5, 6, 7, 8] of 64.
        if (5, 6) not in p or (5, 6, 7, 8) not in p or not p[(5, 6, 7, 8)].startswith(p[(5, 6)]):
            fail.append("prefix2: [5, 6, 7, 8] does not extend [5, 6] byte for byte")
        elif len(new_ids[(5, 6)]) != 2 or len(new_ids[(5, 6, 7, 8)]) != 2:
            fail.append("prefix2: rows [5] / s1's [5], and the two rows [5, 6], do not share their new ids")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print(f"trace synthesis at replay: {len(rows)} requests x 2 runs, transformed ISLs, resampled output lengths, "
      "shared blocks byte for byte: OK")
PY
