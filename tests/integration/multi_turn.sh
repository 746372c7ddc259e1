#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A multi_turn input file against aiperf-mock-server: detected from its first record (`turns`),
# each conversation's turns sent in order on one session, turn 2 of chat_1 150 ms after turn 1
# was answered, output_length per turn, the leading system turn sent as the system message (not
# as a request), and every later turn carrying the earlier ones as history (inputs.json); on the
# server's side (its --request-log), each session instance keeps one X-Correlation-ID and turn 2
# carries the answer the server gave to turn 1.
# usage: multi_turn.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
start_mock "$build" --ttft 5 --itl 1 --request-log "$work/requests.jsonl"
# What the mock answers to a 6-token request (chat_1's first turn), asked directly.
answer6=$(mock_answer 6)
out="$work/out"
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --streaming --input-file "$src/tests/data/traces/multi_turn_small.jsonl" --concurrency 1 --conversation-num 3 \
  --artifact-dir "$out" >"$work/run.log" 2>&1 || { cat "$work/run.log"; echo "FAILED: aiperf profile exited non-zero"; exit 1; }
grep -q "reads as multi_turn" "$work/run.log" || { cat "$work/run.log"; echo "FAILED: not detected as multi_turn"; exit 1; }
"$PY" "$src/tests/integration/check_profile.py" "$out" --requests 5 --streaming
"$PY" - "$out" "$work/requests.jsonl" "$answer6" <<'PY'
import collections, json, sys
out, log, answer6 = sys.argv[1], sys.argv[2], sys.argv[3]
recs = sorted((json.loads(l) for l in open(f"{out}/profile_export.jsonl")), key=lambda r: r["metadata"]["intended_send_ns"])
fail = []
order = [(r["metadata"]["conversation_id"], r["metadata"]["turn_index"]) for r in recs]
# Three sessions, sequential over the file: chat_1 (2 turns), chat_2 (1 request), chat_1 again.
if order != [("chat_1", 0), ("chat_1", 1), ("chat_2", 0), ("chat_1", 0), ("chat_1", 1)]:
    fail.append(f"order {order}")
osl = [r["metrics"]["output_sequence_length"]["value"] for r in recs]
if osl != [6, 4, 5, 6, 4]:
    fail.append(f"output lengths {osl}, expected [6, 4, 5, 6, 4]")
for first, second in ((0, 1), (3, 4)):
    gap = (recs[second]["metadata"]["intended_send_ns"] - recs[first]["metadata"]["request_end_ns"]) / 1e6
    if not 149.0 <= gap <= 155.0:
        fail.append(f"chat_1's second turn intended {gap:.1f} ms after the first answered, expected 150")
sent = {s["session_id"]: s["payloads"] for s in json.load(open(f"{out}/inputs.json"))["data"]}
if sorted(sent) != ["chat_1", "chat_2"] or len(sent["chat_1"]) != 2 or len(sent["chat_2"]) != 1:
    fail.append(f"inputs.json sessions {[(k, len(v)) for k, v in sent.items()]}")
else:
    # A turn with several texts is sent as text parts (spec §8.4): compared as their texts joined.
    text = lambda c: c if isinstance(c, str) else " ".join(part["text"] for part in c)
    users = lambda p: [text(m["content"]) for m in p["messages"] if m["role"] == "user"]
    if users(sent["chat_1"][0]) != ["What is machine learning?"]:
        fail.append(f"chat_1 turn 1 sent {users(sent['chat_1'][0])}")
    if users(sent["chat_1"][1]) != ["What is machine learning?", "Give an example."]:
        fail.append(f"chat_1 turn 2 did not carry turn 1 as history: {users(sent['chat_1'][1])}")
    if any(m["role"] == "system" for p in sent["chat_1"] for m in p["messages"]):
        fail.append("chat_1 has no system turn, yet a system message was sent")
    msgs = sent["chat_2"][0]["messages"]
    if msgs[0] != {"role": "system", "content": "Be terse."} or users(sent["chat_2"][0]) != ["Explain neural networks."]:
        fail.append(f"chat_2's system turn was not sent as the system message: {msgs}")
# The server's view: three session instances (chat_1 twice, chat_2), each with one correlation id
# that the JSONL names too; chat_1's second turn carries the server's answer to its first.
seen = collections.defaultdict(list)
for s in sorted((s for s in map(json.loads, open(log)) if s["x_request_id"]), key=lambda s: s["recv_ns"]):
    seen[s["x_correlation_id"]].append(json.loads(s["body"])["messages"])
if sorted(len(v) for v in seen.values()) != [1, 2, 2]:
    fail.append(f"the server saw sessions of {sorted(len(v) for v in seen.values())} requests, expected [1, 2, 2]")
if {r["metadata"]["x_correlation_id"] for r in recs} != set(seen):
    fail.append("the JSONL's x_correlation_id values are not the ones the server received")
for msgs in (v[1] for v in seen.values() if len(v) == 2):
    want = [{"role": "user", "content": "What is machine learning?"}, {"role": "assistant", "content": answer6},
            {"role": "user", "content": "Give an example."}]
    if msgs != want:
        fail.append(f"chat_1's second turn sent {msgs}, expected the first answer ({answer6!r}) in its history")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print("multi_turn: turns in order with live history, think time, output lengths, ids and the system message: OK")
PY

# A bad turn stops the run before anything is sent, naming FILE:LINE and the turn's field.
bad="$work/bad.jsonl"
printf '%s\n' '{"session_id": "a", "turns": [{"text": "fine"}]}' '{"session_id": "b", "turns": [{"text": "ok"}, {"text": 5}]}' >"$bad"
set +e
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --input-file "$bad" --request-count 2 --artifact-dir "$work/bad" >"$work/bad.out" 2>"$work/bad.err"
rc=$?
set -e
[ "$rc" -eq 1 ] && grep -qF "$bad:2: turns[1].text: expected a string, got a number" "$work/bad.err" ||
  { echo "FAILED: bad turn: rc=$rc"; cat "$work/bad.err"; exit 1; }
[ ! -e "$work/bad/profile_export.jsonl" ] || { echo "FAILED: a request record was written for a bad file"; exit 1; }
echo "multi_turn: a bad turn is one line naming $bad:2: turns[1].text: OK"
