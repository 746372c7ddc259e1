#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The responses, messages (Anthropic) and huggingface_generate (TGI) endpoints round-tripped
# through `aiperf profile` against aiperf-mock-server, streaming and not, with
# --use-server-token-count: every record succeeds; streaming records have a TTFT, and with the
# mock's reasoning (Responses reasoning text, Anthropic thinking) TTFT <= TTFO (< in some record);
# OSL equals the tokens the mock reported (its usage / TGI's details), reasoning included; the
# bodies as the server received them (its --request-log) have each API's shape and path.
# Without --use-server-token-count the client counts 6 answer and 3 reasoning tokens.  Multi-turn
# Responses and Anthropic sessions carry the server's answer as history.  Then each vendor's
# fault shapes: an Anthropic in-stream error event, a TGI 429 body, a Responses `error` event.
# usage: vendor_endpoints.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
# 3 reasoning tokens per chat-like request (responses and messages think; TGI does not).
start_mock "$build" --ttft 20 --itl 10 --reasoning-tokens 3 --request-log "$work/requests.jsonl"
run() {  # run NAME TYPE [flags...]
  local name=$1 type=$2; shift 2
  "$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" \
    --endpoint-type "$type" --isl 20 --osl 6 --request-count 4 --concurrency 2 --artifact-dir "$work/$name" "$@" \
    >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; echo "FAILED: aiperf profile ($name) exited non-zero"; exit 1; }
}
for type in responses messages huggingface_generate; do
  run "$type-stream" "$type" --streaming --use-server-token-count
  run "$type-plain" "$type" --use-server-token-count
done
# Client-side counts (no --use-server-token-count): the builtin tokenizer counts the mock's words.
run responses-client responses --streaming
run messages-client messages --streaming
# Multi-turn: turn 2 carries turn 1 and the answer the server gave (its text, not its thinking).
for type in responses messages; do
  "$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" \
    --endpoint-type "$type" --streaming --isl 20 --osl 6 --conversation-num 2 --conversation-turn-mean 2 \
    --concurrency 1 --artifact-dir "$work/$type-multi" >"$work/$type-multi.log" 2>&1 ||
    { cat "$work/$type-multi.log"; echo "FAILED: aiperf profile ($type-multi) exited non-zero"; exit 1; }
done
# Every request of these runs fails, so aiperf exits non-zero; the records are still written.
run_failing() {  # run_failing NAME TYPE [flags...]
  local name=$1 type=$2; shift 2
  if "$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" \
    --endpoint-type "$type" --isl 20 --osl 6 --request-count 4 --concurrency 2 --artifact-dir "$work/$name" "$@" \
    >"$work/$name.log" 2>&1; then
    cat "$work/$name.log"; echo "FAILED: aiperf profile ($name) succeeded although every request failed"; exit 1
  fi
  grep -q "All 4 inference request(s) failed" "$work/$name.log" || { cat "$work/$name.log"; echo "FAILED: $name"; exit 1; }
}
run_failing responses-err responses --streaming -H "X-Mock-Fault: error-data=2"
run_failing messages-err messages --streaming -H "X-Mock-Fault: error-event=1"
run_failing tgi-err huggingface_generate -H "X-Mock-Fault: status=429"

"$PY" - "$work" <<'PY'
import json, sys
work = sys.argv[1]
fail = []
def records(name):
    return [json.loads(l) for l in open(f"{work}/{name}/profile_export.jsonl") if l.strip()]
def metric(r, tag):
    m = r["metrics"].get(tag)
    return None if m is None else m["value"]
reasoning = {"responses": 3, "messages": 3, "huggingface_generate": 0}
for t, r_tokens in reasoning.items():
    for mode in ("stream", "plain"):
        name = f"{t}-{mode}"
        recs = records(name)
        if len(recs) != 4 or any("error" in r for r in recs):
            fail.append(f"{name}: {len(recs)} records, errors {[r.get('error') for r in recs if 'error' in r]}")
            continue
        split = 0  # records whose first output token came after their first (reasoning) token
        for r in recs:
            osl = metric(r, "output_sequence_length")
            if osl != 6 + r_tokens:
                fail.append(f"{name}: OSL {osl}, expected the mock's usage {6 + r_tokens}")
            ttft, ttfo = metric(r, "time_to_first_token"), metric(r, "time_to_first_output_token")
            if mode == "stream":
                if ttft is None or ttft <= 0:
                    fail.append(f"{name}: no TTFT in a streaming record")
                elif r_tokens and (ttfo is None or ttfo < ttft):
                    fail.append(f"{name}: TTFO {ttfo} before TTFT {ttft}")
                elif r_tokens:
                    split += ttft < ttfo  # events read in one socket read share a timestamp
            elif ttft is not None:
                fail.append(f"{name}: TTFT {ttft} without streaming")
            if t != "huggingface_generate" or mode == "stream":
                if metric(r, "input_sequence_length") in (None, 0):
                    fail.append(f"{name}: no server-reported ISL")
        if mode == "stream" and r_tokens and split == 0:
            fail.append(f"{name}: no record has TTFT (first reasoning) before TTFO (first answer text)")
# Client-side token counts: 6 answer words and 3 reasoning words, one token each.
for name in ("responses-client", "messages-client"):
    for r in records(name):
        got = [metric(r, t) for t in ("output_token_count", "reasoning_token_count", "output_sequence_length")]
        if "error" in r or got != [6, 3, 9]:
            fail.append(f"{name}: output/reasoning/OSL {got}, expected [6, 3, 9] ({r.get('error')})")
# What the server received, per path.
seen = {}
for s in map(json.loads, open(f"{work}/requests.jsonl")):
    seen.setdefault(s["path"], []).append(json.loads(s["body"]))
def expect(path, n, check, what):
    bodies = seen.get(path, [])
    if len(bodies) < n:
        fail.append(f"{path}: {len(bodies)} requests received, expected at least {n}")
    bad = [b for b in bodies if not check(b)]
    if bad:
        fail.append(f"{path}: {what}; got {bad[0]}")
expect("/v1/responses", 16, lambda b: isinstance(b["input"], list) and b["input"][-1]["type"] == "message"
       and b["input"][-1]["role"] == "user" and b["max_output_tokens"] == 6 and b["model"] == "m",
       "input items with the prompt last and max_output_tokens 6")
expect("/v1/messages", 16, lambda b: b["messages"][-1]["role"] == "user" and b["max_tokens"] == 6 and "stream" in b,
       "messages with the prompt last and max_tokens 6")
expect("/generate_stream", 4, lambda b: b["parameters"] == {"max_new_tokens": 6} and isinstance(b["inputs"], str),
       "inputs and parameters {max_new_tokens: 6}")
expect("/generate", 8, lambda b: b["parameters"].get("max_new_tokens") == 6 and "stream" not in b,
       "inputs and parameters with max_new_tokens 6")
if not any(b["parameters"].get("details") is True for b in seen.get("/generate", [])):
    fail.append("/generate: --use-server-token-count did not ask for details")
stream_opts = [b.get("stream_options") for b in seen.get("/v1/responses", []) if b["stream"]]
if {"include_usage": True} not in stream_opts:
    fail.append(f"/v1/responses: streaming with --use-server-token-count sent stream_options {stream_opts[:1]}")
# Multi-turn sessions: the second request of each session has [user, assistant, user] with the
# mock's answer (3 thinking words, then 6 answer words, from its fixed word cycle).
answer = " to in is that for it"
for path, key in (("/v1/responses", "input"), ("/v1/messages", "messages")):
    multi = [b[key] for b in seen.get(path, []) if len(b[key]) == 3]
    if len(multi) != 2:
        fail.append(f"{path}: {len(multi)} second turns with history, expected 2")
    for items in multi:
        if [m["role"] for m in items] != ["user", "assistant", "user"] or items[1]["content"] != answer:
            fail.append(f"{path}: history {items[:2]}, expected the answer {answer!r}")
# Each vendor's fault shapes become error records with the vendor's message.
for name, code, text in (("responses-err", 502, "mock injected in-stream error"),
                         ("messages-err", 502, "Error occurred in SSE response: mock injected in-stream error (500)"),
                         ("tgi-err", 429, '"error_type":"overloaded"')):
    recs = records(name)
    errs = [r["error"] for r in recs if "error" in r]
    if len(errs) != 4 or any(e["code"] != code or text not in e["message"] for e in errs):
        fail.append(f"{name}: expected 4 errors with code {code} and {text!r}, got {errs[:1]}")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print("vendor endpoints: responses, messages, huggingface_generate streaming and not, usage, bodies and faults: OK")
PY
