#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Trace replay against aiperf-mock-server (issue #7): a Mooncake fixture with hash ids at block
# size 16, replayed at 2x with an end offset.  Checked from the artifacts, independently of the
# client's code: one request per kept row, each with the row's ISL and max_tokens; first turns
# sent at floor(timestamp / 2) after the first (intended times from the JSONL); the session's
# second turn 300 ms after its first completed; and prompts as the server received them
# (inputs.json) made of byte-identical blocks: a row [5, 6] is exactly row [5] + row [6].
# usage: trace_replay.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
start_mock "$build" --ttft 5 --itl 1
out="$work/out"
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --streaming --input-file "$src/tests/data/traces/mooncake_small.jsonl" --isl-block-size 16 \
  --synthesis-speedup-ratio 2 --fixed-schedule-end-offset 5000 --random-seed 3 --artifact-dir "$out" >"$work/run.log" 2>&1 ||
  { cat "$work/run.log"; echo "FAILED: aiperf profile exited non-zero"; exit 1; }
grep -q "fixed-schedule enabled" "$work/run.log" || { cat "$work/run.log"; echo "FAILED: no auto-promotion line"; exit 1; }
grep -q "10 rows read, 1 outside the start/end offsets" "$work/run.log" ||
  { cat "$work/run.log"; echo "FAILED: no trace summary line"; exit 1; }
"$PY" - "$out" "$src/tests/data/traces/mooncake_small.jsonl" <<'PY'
import json, sys
out, trace = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(trace) if l.strip()]
lines = [i + 1 for i, l in enumerate(open(trace)) if l.strip()]
kept = [(n, r) for n, r in zip(lines, rows) if r.get("timestamp", 0) <= 5000]
recs = [json.loads(l) for l in open(f"{out}/profile_export.jsonl")]
fail = []
if len(recs) != len(kept):
    fail.append(f"{len(recs)} records, expected {len(kept)}")
by_conv = {}
for r in recs:
    by_conv.setdefault(r["metadata"]["conversation_id"], []).append(r)
for v in by_conv.values():
    v.sort(key=lambda r: r["metadata"]["turn_index"])
# ISL per row (a literal prompt's ISL is its token count: only check it is positive).
session_turn = {}
for n, r in kept:
    conv = r.get("session_id", f"line-{n}")
    t = session_turn.get(conv, 0)
    session_turn[conv] = t + 1
    rec = by_conv.get(conv, [None] * (t + 1))[t]
    if rec is None:
        fail.append(f"no record for line {n}")
        continue
    isl = rec["metrics"]["input_sequence_length"]["value"]
    if "input_length" in r and isl != r["input_length"]:
        fail.append(f"line {n}: ISL {isl}, trace says {r['input_length']}")
    if rec.get("error"):
        fail.append(f"line {n}: error {rec['error']}")
# Arrival times of first turns: floor(ts / 2) relative to the first row's.
firsts = sorted((r["timestamp"] // 2, f"line-{n}" if "session_id" not in r else r["session_id"])
                for n, r in kept if "timestamp" in r)
t0 = min(r["metadata"]["intended_send_ns"] for r in recs)
for ts, conv in firsts:
    got = (by_conv[conv][0]["metadata"]["intended_send_ns"] - t0) / 1e6
    if abs(got - (ts - firsts[0][0])) > 0.001:
        fail.append(f"{conv}: intended at {got:.3f} ms, trace says {ts - firsts[0][0]} ms")
# The session's second turn: intended 300 ms after the first turn's response ended.
s1 = by_conv["s1"]
gap = (s1[1]["metadata"]["intended_send_ns"] - s1[0]["metadata"]["request_end_ns"]) / 1e6
if not 299.0 <= gap <= 305.0:
    fail.append(f"s1 turn 2 intended {gap:.1f} ms after turn 1 ended, expected 300")
# A replayed trace's sessions are named after their conversation (spec §5.7).
for conv, rs in by_conv.items():
    if {r["metadata"].get("x_correlation_id") for r in rs} != {f"fixed-schedule-{conv}"}:
        fail.append(f"{conv}: x_correlation_id {[r['metadata'].get('x_correlation_id') for r in rs]}")
        break
# Prompts as sent: blocks are byte-identical across rows.
sent = {}
for s in json.load(open(f"{out}/inputs.json"))["data"]:
    sent[s["session_id"]] = [p["messages"][-1]["content"] for p in s["payloads"]]
b5, b6 = sent["line-1"][0], sent["line-2"][0]
if sent["line-3"][0] != b5 + b6: fail.append("row [5, 6] is not row [5] + row [6]")
if sent["line-5"][0] != b5 + b6: fail.append("two rows [5, 6] differ")
if not sent["line-4"][0].startswith(b5 + b6) or sent["line-4"][0] == b5 + b6: fail.append("row [5, 6, 7] does not extend [5, 6]")
if not sent["line-6"][0].endswith(b6) or sent["line-6"][0].startswith(b5): fail.append("row [8, 6] is not block 8 + block 6")
if sent["s1"][0] != b5: fail.append("session s1's first turn [5] is not block 5")
if sent["line-8"][0] != "Hello world, this is a literal prompt.": fail.append("text_input not sent verbatim")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print(f"trace replay: {len(recs)} requests, arrivals on the trace's clock / 2, blocks shared byte for byte: OK")
PY
