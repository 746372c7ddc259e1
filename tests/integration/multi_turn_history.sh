#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Synthetic multi-turn sessions against aiperf-mock-server, checked on what the server received
# (its --request-log): every request has a fresh X-Request-ID and its session's X-Correlation-ID;
# turn k carries the k earlier prompts each followed by the answer the server actually gave
# (asked of the mock separately, not taken from aiperf); think time after each answer; the
# JSONL metadata names the same ids.
# usage: multi_turn_history.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
start_mock "$build" --ttft 5 --itl 1 --request-log "$work/requests.jsonl"
# What the mock answers to a 5-token request, asked directly.
expected=$(mock_answer 5)
out="$work/out"
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --streaming --isl 20 --osl 5 --conversation-num 4 --conversation-turn-mean 3 --conversation-turn-delay-mean 100 \
  --concurrency 2 --artifact-dir "$out" >"$work/run.log" 2>&1 ||
  { cat "$work/run.log"; echo "FAILED: aiperf profile exited non-zero"; exit 1; }
"$PY" - "$out" "$work/requests.jsonl" "$expected" <<'PY'
import collections, json, sys
out, log, answer = sys.argv[1], sys.argv[2], sys.argv[3]
fail = []
seen = [s for s in map(json.loads, open(log)) if s["x_request_id"]]  # not the direct question
recs = [json.loads(l) for l in open(f"{out}/profile_export.jsonl")]
if len(seen) != 12 or len(recs) != 12:
    fail.append(f"{len(seen)} requests reached the server, {len(recs)} records; expected 12 (4 sessions x 3 turns)")
if len({s["x_request_id"] for s in seen}) != len(seen) or any(len(s["x_request_id"]) != 36 for s in seen):
    fail.append("X-Request-ID is not a distinct UUID per request")
sessions = collections.defaultdict(list)
for s in sorted(seen, key=lambda s: s["recv_ns"]):
    sessions[s["x_correlation_id"]].append(json.loads(s["body"])["messages"])
if len(sessions) != 4:
    fail.append(f"{len(sessions)} correlation ids, expected 4")
for cid, turns in sessions.items():
    if len(turns) != 3:
        fail.append(f"session {cid}: {len(turns)} requests")
        continue
    for k, msgs in enumerate(turns):
        roles = [m["role"] for m in msgs]
        if roles != ["user", "assistant"] * k + ["user"]:
            fail.append(f"session {cid} turn {k}: roles {roles}")
            continue
        if any(m["content"] != answer for m in msgs if m["role"] == "assistant"):
            fail.append(f"session {cid} turn {k}: history answers {[m['content'] for m in msgs if m['role'] == 'assistant']}, the server answered {answer!r}")
        if k and [m["content"] for m in msgs[:-1:2]] != [m["content"] for m in turns[k - 1][::2]]:
            fail.append(f"session {cid} turn {k}: earlier prompts changed")
by_rid = {s["x_request_id"]: s["x_correlation_id"] for s in seen}
for r in recs:
    m = r["metadata"]
    if by_rid.get(m.get("x_request_id")) != m.get("x_correlation_id"):
        fail.append(f"record {m.get('x_request_id')}: ids do not match what the server received")
        break
bysess = collections.defaultdict(list)
for r in recs:
    bysess[r["metadata"]["x_correlation_id"]].append(r["metadata"])
for cid, ms in bysess.items():
    ms.sort(key=lambda m: m["turn_index"])
    for a, b in zip(ms, ms[1:]):
        gap = (b["intended_send_ns"] - a["request_end_ns"]) / 1e6
        if not 99.0 <= gap <= 110.0:
            fail.append(f"session {cid}: turn {b['turn_index']} intended {gap:.1f} ms after the previous answer, expected 100")
payloads = [p for s in json.load(open(f"{out}/inputs.json"))["data"] for p in s["payloads"]]
if any(m["content"] != "" for p in payloads for m in p["messages"] if m["role"] == "assistant"):
    fail.append("inputs.json should show the answers' places empty (they are only known during the run)")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print(f"multi-turn: 4 sessions x 3 turns, ids and live history ({answer!r}) as the server saw them, 100 ms think times: OK")
PY
