#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A single_turn input file against aiperf-mock-server: detected from its first record, rows sent
# in file order (sequential sampling wraps), each with its output_length, the session's second
# line 200 ms after the first answered, and the prompts sent verbatim (inputs.json).
# usage: single_turn.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
start_mock "$build" --ttft 5 --itl 1
out="$work/out"
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --streaming --input-file "$src/tests/data/traces/single_turn_small.jsonl" --concurrency 1 --request-count 5 \
  --artifact-dir "$out" >"$work/run.log" 2>&1 || { cat "$work/run.log"; echo "FAILED: aiperf profile exited non-zero"; exit 1; }
grep -q "reads as single_turn" "$work/run.log" || { cat "$work/run.log"; echo "FAILED: not detected as single_turn"; exit 1; }
"$PY" - "$out" <<'PY'
import json, sys
out = sys.argv[1]
recs = sorted((json.loads(l) for l in open(f"{out}/profile_export.jsonl")), key=lambda r: r["metadata"]["intended_send_ns"])
fail = []
order = [(r["metadata"]["conversation_id"], r["metadata"]["turn_index"]) for r in recs]
if order != [("line-1", 0), ("line-2", 0), ("s1", 0), ("s1", 1), ("line-1", 0)]:
    fail.append(f"order {order}")
osl = [r["metrics"]["output_sequence_length"]["value"] for r in recs]
if osl != [8, 12, 5, 6, 8]:
    fail.append(f"output lengths {osl}, expected [8, 12, 5, 6, 8]")
gap = (recs[3]["metadata"]["intended_send_ns"] - recs[2]["metadata"]["request_end_ns"]) / 1e6
if not 199.0 <= gap <= 205.0:
    fail.append(f"s1's second line intended {gap:.1f} ms after the first answered, expected 200")
sent = {s["session_id"]: s["payloads"] for s in json.load(open(f"{out}/inputs.json"))["data"]}
if sent["line-2"][0]["messages"][-1]["content"] != "Write a haiku about the sea.":
    fail.append("line 2's prompt was not sent verbatim")
# Several texts: one text part each (spec §8.4), as upstream's chat sends them.
if sent["s1"][0]["messages"][-1]["content"] != [{"type": "text", "text": "Explain"}, {"type": "text", "text": "neural networks."}]:
    fail.append(f"texts were not sent as text parts: {sent['s1'][0]['messages'][-1]['content']}")
if len(sent["s1"][1]["messages"]) != 1:
    fail.append("a single_turn session's second line carried the first as history")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print("single_turn: 5 requests in file order, output lengths and think time as written: OK")
PY

# --dataset-sampling-strategy shuffle: each epoch is a permutation, so 8 requests (two epochs of
# line-1, line-2 and the two-line session s1) use every conversation exactly twice.
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --streaming --input-file "$src/tests/data/traces/single_turn_small.jsonl" --concurrency 1 --request-count 8 \
  --dataset-sampling-strategy shuffle --random-seed 4 --artifact-dir "$work/shuffled" >"$work/run2.log" 2>&1 ||
  { cat "$work/run2.log"; echo "FAILED: the shuffled run exited non-zero"; exit 1; }
"$PY" - "$work/shuffled" <<'PY'
import collections, json, sys
recs = [json.loads(l) for l in open(f"{sys.argv[1]}/profile_export.jsonl")]
starts = collections.Counter(r["metadata"]["conversation_id"] for r in recs if r["metadata"]["turn_index"] == 0)
if len(recs) != 8 or starts != {"line-1": 2, "line-2": 2, "s1": 2}:
    print(f"FAILED: shuffle sent {len(recs)} requests, sessions started {dict(starts)}")
    sys.exit(1)
print("single_turn: shuffle covers every conversation once per epoch: OK")
PY
