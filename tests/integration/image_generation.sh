#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# --endpoint-type image_generation against aiperf-mock-server's /v1/images/generations (spec
# load-generation §8.11): every request's body has the Images API shape (prompt, model,
# response_format b64_json, n, --extra-inputs size), every record succeeds with a request
# latency, and no token metric is reported (the type produces images, not tokens).
# usage: image_generation.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
start_mock "$build" --ttft 3 --itl 1 --request-log "$work/requests.jsonl"
"$build/apps/aiperf/aiperf" profile -m img --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" \
  --endpoint-type image_generation --extra-inputs size:256x256 --isl 12 --request-count 6 --concurrency 2 \
  --random-seed 4 --artifact-dir "$work/out" >"$work/out.log" 2>&1 ||
  { cat "$work/out.log"; echo "FAILED: aiperf profile --endpoint-type image_generation exited non-zero"; exit 1; }
"$PY" "$src/tests/integration/check_profile.py" "$work/out" --requests 6
"$PY" - "$work" <<'PY'
import json, sys
work = sys.argv[1]
fail = []
sent = [json.loads(l) for l in open(f"{work}/requests.jsonl")]
for r in sent:
    b = json.loads(r["body"])
    if r["path"] != "/v1/images/generations" or set(b) != {"prompt", "model", "response_format", "n", "size"} \
            or b["model"] != "img" or b["response_format"] != "b64_json" or b["n"] != 1 or b["size"] != "256x256" \
            or not b["prompt"]:
        fail.append(f"body {r['path']} {b}")
recs = [json.loads(l) for l in open(f"{work}/out/profile_export.jsonl")]
if len(sent) != 6 or len(recs) != 6:
    fail.append(f"{len(sent)} requests, {len(recs)} records; expected 6")
for r in recs:
    m = r["metrics"]
    if "error" in r or m.get("request_latency", {}).get("value", 0) <= 0:
        fail.append(f"record {r.get('error')} {sorted(m)}")
    for token_metric in ("time_to_first_token", "output_sequence_length", "input_sequence_length"):
        if token_metric in m:
            fail.append(f"{token_metric} reported for image_generation")
summary = json.load(open(f"{work}/out/profile_export_aiperf.json"))
if "output_token_throughput" in summary or "request_latency" not in summary:
    fail.append(f"summary metrics: {sorted(k for k in summary if isinstance(summary[k], dict))}")
print(f"{len(recs)} image requests, latency avg {summary['request_latency']['avg']:.2f} ms")
if fail:
    sys.exit("FAILED:\n  " + "\n  ".join(fail))
PY
