#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# --public-dataset sharegpt against aiperf-mock-server, from a local copy (tests/data/sharegpt):
# the entries the vLLM filter keeps, in file order, each its first prompt with max tokens = its
# first reply's token count (the mock server answers exactly that many); --osl lifts the short
# reply check; with no local copy, one line names the file and where to get it, and nothing is
# downloaded or written.
# usage: sharegpt.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$(cd "$1" && pwd); src=$(cd "$2" && pwd)  # absolute: the last case runs in another directory
start_mock "$build" --ttft 2 --itl 1
copy="$src/tests/data/sharegpt"
run() {  # run OUT ARGS...
  local out=$1; shift
  "$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
    --streaming --public-dataset sharegpt --concurrency 1 --artifact-dir "$out" "$@" >"$out.log" 2>&1 ||
    { cat "$out.log"; echo "FAILED: aiperf profile exited non-zero"; exit 1; }
}
run "$work/dir" --input-file "$copy" --request-count 4
run "$work/osl" --input-file "$copy/ShareGPT_V3_unfiltered_cleaned_split.json" --request-count 3 --osl 50
grep -q "2 of 8 entries kept" "$work/dir.log" || { cat "$work/dir.log"; echo "FAILED: the filter summary is not logged"; exit 1; }
"$PY" "$src/tests/integration/check_profile.py" "$work/dir" --requests 4 --streaming
"$PY" - "$work" "$copy/ShareGPT_V3_unfiltered_cleaned_split.json" <<'PY'
import json, sys
work, data = sys.argv[1], sys.argv[2]
first = {e["id"]: e["conversations"][0]["value"] for e in json.load(open(data)) if e["conversations"]}
fail = []
def check(run, expected_ids):
    recs = sorted((json.loads(l) for l in open(f"{work}/{run}/profile_export.jsonl")),
                  key=lambda r: r["metadata"]["intended_send_ns"])
    order = [r["metadata"]["conversation_id"] for r in recs]
    if order != expected_ids:
        fail.append(f"{run}: conversations sent {order}, expected {expected_ids}")
    sent = {s["session_id"]: s["payloads"][0] for s in json.load(open(f"{work}/{run}/inputs.json"))["data"]}
    for r in recs:
        sid = r["metadata"]["conversation_id"]
        body = sent[sid]
        if body["messages"] != [{"role": "user", "content": first[sid]}]:
            fail.append(f"{run}: {sid} did not send the first prompt verbatim: {body['messages']}")
        want = body.get("max_completion_tokens")
        if not isinstance(want, int) or want < 1:
            fail.append(f"{run}: {sid} sent no max tokens: {body}")
        elif r["metrics"]["output_sequence_length"]["value"] != want:
            fail.append(f"{run}: {sid} got {r['metrics']['output_sequence_length']['value']} tokens, asked {want}")
    return sent
sent = check("dir", ["keep-1", "keep-2", "keep-1", "keep-2"])
# "Yes." is 2 tokens: skipped by the 4-token rule, kept (asking for 2) once --osl is given.
osl = check("osl", ["keep-1", "short-reply", "keep-2"])
if osl.get("short-reply", {}).get("max_completion_tokens") != 2:
    fail.append(f"short-reply asked for {osl.get('short-reply', {}).get('max_completion_tokens')} tokens, expected 2")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print("sharegpt: filtered entries in file order, first prompt, max tokens = reply tokens, --osl: OK")
PY

# No local copy: one line with the file name and the URL, exit 1, nothing downloaded or written.
mkdir -p "$work/empty" && cd "$work/empty"
set +e
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --public-dataset sharegpt --request-count 2 --artifact-dir "$work/none" >"$work/none.out" 2>"$work/none.err"
rc=$?
set -e
url="https://huggingface.co/datasets/anon8231489123/ShareGPT_Vicuna_unfiltered/resolve/main/ShareGPT_V3_unfiltered_cleaned_split.json"
[ "$rc" -eq 1 ] && [ "$(grep -c . "$work/none.err")" -eq 1 ] &&
  grep -qF "aiperf: error: --public-dataset sharegpt: no local copy of ShareGPT_V3_unfiltered_cleaned_split.json (looked for .cache/aiperf/datasets/ShareGPT_V3_unfiltered_cleaned_split.json); this build downloads nothing: download $url and give the file, or its directory, with --input-file" "$work/none.err" ||
  { echo "FAILED: no local copy: rc=$rc"; cat "$work/none.err"; exit 1; }
[ -z "$(ls -A "$work/empty")" ] && [ ! -e "$work/none" ] || { echo "FAILED: something was written"; ls -AR "$work/empty"; exit 1; }
echo "sharegpt: no local copy is one line naming the file and its URL: OK"
