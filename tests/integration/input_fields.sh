#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The input-file fields beyond the prompt, as aiperf-mock-server received them (its --request-log):
# single_turn `extra` merged over --extra-inputs (and shown merged in inputs.json), a local image
# and a local WAV sent as base64 whose bytes decode to the files' bytes, an image URL passed
# through; mooncake `payload` sent verbatim, `messages` sent as they are (history mode) or
# accumulated with the server's live answer between them (delta mode) with their `tools`; and
# the refusals: a missing media file names FILE:LINE: FIELD before anything is sent, and
# completions refuses a dataset with media.
# usage: input_fields.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
start_mock "$build" --ttft 2 --itl 1 --request-log "$work/requests.jsonl"
answer6=$(mock_answer 6)
"$PY" - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8  # recognized by its signature
wav = b"RIFF\x24\x08\x00\x00WAVEfmt " + bytes(range(255, -1, -1)) * 8
open(f"{work}/pic.png", "wb").write(png)
open(f"{work}/clip.wav", "wb").write(wav)
lines = [
    {"text": "Write a haiku.", "output_length": 4, "extra": {"temperature": 1.2, "seed": 7}},
    {"text": "Describe this", "images": [f"{work}/pic.png", "https://example.com/cat.jpg"], "image_uuids": ["u1", "u2"],
     "output_length": 4},
    {"text": "Transcribe", "audio": f"{work}/clip.wav", "output_length": 4},
]
with open(f"{work}/single.jsonl", "w") as f:
    for l in lines:
        f.write(json.dumps(l) + "\n")
rows = [
    {"payload": {"model": "verbatim", "messages": [{"role": "user", "content": "raw"}], "max_tokens": 3}},
    {"session_id": "h", "messages": [{"role": "user", "content": "Hello"}], "output_length": 5},
    {"session_id": "h", "messages": [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hi"},
                                     {"role": "user", "content": "More"}], "output_length": 5},
    {"session_id": "d", "message_mode": "delta", "messages": [{"role": "system", "content": "S"},
                                                              {"role": "user", "content": "one"}],
     "tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}], "output_length": 6,
     "extra": {"top_k": 3}},
    {"session_id": "d", "message_mode": "delta", "messages": [{"role": "user", "content": "two"}], "output_length": 4},
]
with open(f"{work}/trace.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
PY

run() {  # run NAME FILE [flags...]
  local name=$1 file=$2; shift 2
  "$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
    --input-file "$file" --concurrency 1 --extra-inputs '{"temperature":0.5,"top_p":0.9}' --artifact-dir "$work/$name" \
    "$@" >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; echo "FAILED: aiperf profile ($name) exited non-zero"; exit 1; }
}
# The server keeps its log open: each run's requests are the lines it added (not truncated).
logged() { wc -l <"$work/requests.jsonl"; }
n0=$(logged)
run single "$work/single.jsonl" --custom-dataset-type single_turn --request-count 3
n1=$(logged)
run trace "$work/trace.jsonl" --custom-dataset-type mooncake_trace --conversation-num 3
"$PY" - "$work" "$answer6" "$n0" "$n1" <<'PY'
import base64, json, sys
work, answer6, n0, n1 = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lines = open(f"{work}/requests.jsonl").read().splitlines()
fail = []
def raw_bodies(part):  # aiperf's requests (they carry an X-Request-ID), in arrival order
    return [s["body"] for s in sorted(map(json.loads, part), key=lambda s: s["recv_ns"]) if s["x_request_id"]]
def bodies(part):
    return [json.loads(b) for b in raw_bodies(part)]

# single_turn: extra over --extra-inputs; media as content parts with the files' bytes.
b = bodies(lines[n0:n1])
if len(b) != 3:
    fail.append(f"single_turn: the server received {len(b)} requests, expected 3")
else:
    if (b[0].get("temperature"), b[0].get("seed"), b[0].get("top_p")) != (1.2, 7, 0.9):
        fail.append(f"line 1: extra not merged over --extra-inputs: {b[0]}")
    if (b[1].get("temperature"), b[1].get("top_p")) != (0.5, 0.9):
        fail.append(f"line 2: --extra-inputs not applied: {b[1]}")
    parts = b[1]["messages"][-1]["content"]
    png = open(f"{work}/pic.png", "rb").read()
    want_prefix = "data:image/png;base64,"
    if not isinstance(parts, list) or len(parts) != 3 or parts[0] != {"type": "text", "text": "Describe this"}:
        fail.append(f"line 2: content parts {str(parts)[:300]}")
    else:
        url = parts[1]["image_url"]["url"]
        if parts[1]["type"] != "image_url" or not url.startswith(want_prefix) or base64.b64decode(url[len(want_prefix):]) != png:
            fail.append("line 2: the image part is not the file's bytes as a PNG data URI")
        if parts[1].get("uuid") != "u1" or parts[2] != {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}, "uuid": "u2"}:
            fail.append(f"line 2: uuids / URL pass-through: {parts[1].get('uuid')!r}, {parts[2]}")
    parts = b[2]["messages"][-1]["content"]
    wav = open(f"{work}/clip.wav", "rb").read()
    if not isinstance(parts, list) or len(parts) != 2 or parts[1]["type"] != "input_audio" or \
            parts[1]["input_audio"]["format"] != "wav" or base64.b64decode(parts[1]["input_audio"]["data"]) != wav:
        fail.append(f"line 3: the audio part is not the WAV file's bytes: {str(parts)[:200]}")
sent = [s["payloads"][0] for s in json.load(open(f"{work}/single/inputs.json"))["data"]]
if sent and sent[0].get("temperature") != 1.2:
    fail.append(f"inputs.json does not show the merged body: {sent[0]}")

# mooncake: payload verbatim; history messages as they are; delta accumulated with the live answer.
raw = raw_bodies(lines[n1:])
b = [json.loads(r) for r in raw]
if len(b) != 5:
    fail.append(f"mooncake: the server received {len(b)} requests, expected 5")
else:
    if raw[0] != '{"model":"verbatim","messages":[{"role":"user","content":"raw"}],"max_tokens":3}':
        fail.append(f"payload not sent verbatim: {raw[0]}")
    if b[1]["messages"] != [{"role": "user", "content": "Hello"}] or b[1].get("temperature") != 0.5:
        fail.append(f"history row 1: {b[1]}")
    if b[2]["messages"] != [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hi"},
                            {"role": "user", "content": "More"}]:
        fail.append(f"history row 2 not sent as it is: {b[2]['messages']}")
    tools = [{"type": "function", "function": {"name": "f", "parameters": {}}}]
    if b[3]["messages"] != [{"role": "system", "content": "S"}, {"role": "user", "content": "one"}] or \
            b[3].get("tools") != tools or b[3].get("top_k") != 3:
        fail.append(f"delta row 1: {b[3]}")
    want = [{"role": "system", "content": "S"}, {"role": "user", "content": "one"},
            {"role": "assistant", "content": answer6}, {"role": "user", "content": "two"}]
    if b[4]["messages"] != want or b[4].get("tools") != tools or "top_k" in b[4]:
        fail.append(f"delta row 2: {b[4]}, expected messages {want} with the tools and without row 1's extra")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print("input_fields: extra, media bytes, payload, messages (history, delta with live answers) and tools on the wire: OK")
PY

# Refusals, before anything is sent.
n2=$(logged)
bad="$work/bad.jsonl"
printf '%s\n' '{"text": "fine"}' "{\"text\": \"x\", \"image\": \"$work/none.png\"}" >"$bad"
set +e
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --input-file "$bad" --custom-dataset-type single_turn --request-count 2 --artifact-dir "$work/bad" >"$work/bad.out" 2>"$work/bad.err"
rc=$?
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type completions \
  --input-file "$work/single.jsonl" --custom-dataset-type single_turn --request-count 2 --artifact-dir "$work/comp" \
  >"$work/comp.out" 2>"$work/comp.err"
rc2=$?
set -e
[ "$rc" -eq 1 ] && grep -qF "$bad:2: image: no such file: '$work/none.png'" "$work/bad.err" ||
  { echo "FAILED: missing image: rc=$rc"; cat "$work/bad.err"; exit 1; }
[ "$rc2" -eq 1 ] && grep -qF -- "--endpoint-type completions: the completions endpoint sends a text prompt only" "$work/comp.err" ||
  { echo "FAILED: completions with media: rc=$rc2"; cat "$work/comp.err"; exit 1; }
[ "$(logged)" -eq "$n2" ] || { echo "FAILED: a refused dataset still sent requests"; exit 1; }
echo "input_fields: a missing media file and media for completions are refused before anything is sent: OK"
