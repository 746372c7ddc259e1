#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The raw and template endpoint types round-tripped through `aiperf profile` against
# aiperf-mock-server (spec load-generation §8.11):
#   - raw: a mooncake file of `payload` rows (a streaming chat body, a completions body) is sent
#     verbatim to the --url as given; the answers (SSE chunks, a completion) are auto-detected:
#     every record succeeds with the OSL the payload asked for;
#   - template: a template file with a for loop, loop.last, tojson and default renders each
#     synthetic turn into a completions body on --endpoint, --extra-inputs merged after it;
#   - aiperf plugins lists both with their path and streaming.
# usage: raw_template.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
aiperf="$build/apps/aiperf/aiperf"
start_mock "$build" --ttft 2 --itl 1 --request-log "$work/requests.jsonl"
cat >"$work/raw.jsonl" <<'ROWS'
{"payload": {"model": "m", "messages": [{"role": "user", "content": "hi there"}], "max_tokens": 5, "stream": true}}
{"payload": {"model": "m", "prompt": "hello", "max_tokens": 3}}
ROWS
"$aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT/v1/chat/completions" \
  --endpoint-type raw --streaming --input-file "$work/raw.jsonl" --custom-dataset-type mooncake_trace \
  --extra-inputs ignored:1 --request-count 2 --concurrency 1 --artifact-dir "$work/raw" >"$work/raw.log" 2>&1 ||
  { cat "$work/raw.log"; echo "FAILED: aiperf profile --endpoint-type raw exited non-zero"; exit 1; }
cp "$work/requests.jsonl" "$work/raw.requests.jsonl"
cat >"$work/body.jinja" <<'TMPL'
{# a completions body from the turn's texts #}
{
  "model": {{ model|tojson }},
  "prompt": "{% for t in texts %}{{ t|tojson|length }}{% if not loop.last %}-{% endif %}{% endfor %}",
  "max_tokens": {{ max_tokens|default(9) }}
}
TMPL
"$aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint /v1/completions \
  --endpoint-type template --extra-inputs "payload_template:$work/body.jinja" --extra-inputs echo:true \
  --isl 6 --osl 4 --request-count 3 --concurrency 1 --random-seed 2 --artifact-dir "$work/tmpl" >"$work/tmpl.log" 2>&1 ||
  { cat "$work/tmpl.log"; echo "FAILED: aiperf profile --endpoint-type template exited non-zero"; exit 1; }
"$aiperf" plugins endpoint >"$work/plugins.txt"

"$PY" - "$work" <<'PY'
import json, sys
work = sys.argv[1]
fail = []
raw_sent = [json.loads(l) for l in open(f"{work}/raw.requests.jsonl")]
all_sent = [json.loads(l) for l in open(f"{work}/requests.jsonl")]
tmpl_sent = all_sent[len(raw_sent):]
rows = [json.loads(l)["payload"] for l in open(f"{work}/raw.jsonl")]
if [json.loads(r["body"]) for r in raw_sent] != rows:
    fail.append(f"raw bodies differ from the payloads: {[r['body'] for r in raw_sent]}")
if any(r["path"] != "/v1/chat/completions" for r in raw_sent):
    fail.append(f"raw paths: {[r['path'] for r in raw_sent]}")
raw_recs = [json.loads(l) for l in open(f"{work}/raw/profile_export.jsonl")]
osl = sorted(r["metrics"].get("output_sequence_length", {}).get("value") for r in raw_recs)
if any("error" in r for r in raw_recs) or osl != [3, 5]:
    fail.append(f"raw records: OSL {osl}, errors {[r.get('error') for r in raw_recs]}")
if len(tmpl_sent) != 3:
    fail.append(f"template: {len(tmpl_sent)} requests, expected 3")
for r in tmpl_sent:
    b = json.loads(r["body"])
    if r["path"] != "/v1/completions" or set(b) != {"model", "prompt", "max_tokens", "echo"} or b["model"] != "m" \
            or b["max_tokens"] != 4 or b["echo"] is not True or not b["prompt"].isdigit():
        fail.append(f"template body {r['path']} {b}")
tmpl_recs = [json.loads(l) for l in open(f"{work}/tmpl/profile_export.jsonl")]
if any("error" in r for r in tmpl_recs) or len(tmpl_recs) != 3:
    fail.append(f"template records: {[r.get('error') for r in tmpl_recs]}")
plugins = open(f"{work}/plugins.txt").read()
for want in ("raw ", "path: the --url as given; streams", "template ", "chat ", "path /v1/chat/completions; streams",
             "path /generate (/generate_stream when streaming); streams", "path /v1/embeddings; no streaming"):
    if want not in plugins:
        fail.append(f"aiperf plugins lacks {want!r}")
print(f"raw OSL {osl}; template prompts {[json.loads(r['body'])['prompt'] for r in tmpl_sent]}")
if fail:
    sys.exit("FAILED:\n  " + "\n  ".join(fail))
PY
