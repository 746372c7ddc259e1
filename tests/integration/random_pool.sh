#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# random_pool against aiperf-mock-server: a directory of two pools (passages.jsonl, queries.jsonl)
# gives --conversation-num single-turn conversations, each one passage then one query (file-name
# order), drawn with replacement; the same --random-seed draws the same prompts, another seed
# others; a directory is refused for any other type with one line.
# usage: random_pool.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
start_mock "$build" --ttft 2 --itl 1
pools="$src/tests/data/random_pool"
run() {  # run OUT SEED
  "$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
    --input-file "$pools" --custom-dataset-type random_pool --conversation-num 12 --concurrency 2 \
    --random-seed "$2" --artifact-dir "$1" >"$1.log" 2>&1 || { cat "$1.log"; echo "FAILED: aiperf profile exited non-zero"; exit 1; }
}
run "$work/a" 5
run "$work/b" 5
run "$work/c" 6
"$PY" "$src/tests/integration/check_profile.py" "$work/a" --requests 12
"$PY" - "$work" "$pools" <<'PY'
import json, sys
work, pools = sys.argv[1], sys.argv[2]
def items(name):
    out = []
    for line in open(f"{pools}/{name}"):
        r = json.loads(line)
        out.append(r["text"] if "text" in r else " ".join(c for t in r["texts"] for c in t["contents"]))
    return out
passages, queries = items("passages.jsonl"), items("queries.jsonl")
def prompts(run):
    data = json.load(open(f"{work}/{run}/inputs.json"))["data"]
    # One item of each pool: the turn's texts, sent as text parts (spec §8.4), compared joined.
    text = lambda c: c if isinstance(c, str) else " ".join(part["text"] for part in c)
    return {s["session_id"]: text(s["payloads"][0]["messages"][-1]["content"]) for s in data}
fail = []
a = prompts("a")
if sorted(a) != sorted(f"pool-{i}" for i in range(12)):
    fail.append(f"conversations {sorted(a)}, expected pool-0 .. pool-11")
for sid, text in a.items():
    if not any(text == f"{p} {q}" for p in passages for q in queries):
        fail.append(f"{sid}: {text!r} is not one passage then one query")
if len(set(a.values())) < 3:
    fail.append(f"only {len(set(a.values()))} distinct prompts in 12 draws")
if prompts("b") != a:
    fail.append("the same --random-seed drew different prompts")
if prompts("c") == a:
    fail.append("another --random-seed drew the same 12 prompts")
recs = [json.loads(l) for l in open(f"{work}/a/profile_export.jsonl")]
used = sorted(r["metadata"]["conversation_id"] for r in recs)
if used != sorted(a) or any(r["metadata"]["turn_index"] != 0 for r in recs):
    fail.append(f"each drawn conversation is one request, once: {used}")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print("random_pool: 12 seeded draws of passage + query, reproducible per seed: OK")
PY

# A directory is only read by random_pool: one line, exit 1, nothing written.
set +e
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --input-file "$pools" --request-count 2 --artifact-dir "$work/dir" >"$work/dir.out" 2>"$work/dir.err"
rc=$?
set -e
[ "$rc" -eq 1 ] && [ "$(grep -c . "$work/dir.err")" -eq 1 ] &&
  grep -qF "aiperf: error: --input-file: '$pools' is a directory: only --custom-dataset-type random_pool reads one" "$work/dir.err" ||
  { echo "FAILED: a directory without random_pool: rc=$rc"; cat "$work/dir.err"; exit 1; }
[ ! -e "$work/dir" ] || { echo "FAILED: artifacts written for a refused command line"; exit 1; }
echo "random_pool: a directory for another type is refused in one line: OK"
