#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# One embeddings or rankings endpoint type against aiperf-mock-server, through `aiperf profile`:
#   - every record succeeds; the request bodies, as the server received them (its --request-log),
#     have the type's shape on its default path (spec load-generation §8.8, §8.9): embeddings send
#     --batch-size 4 synthetic prompts as 4 inputs, rankings a query and --rankings-passages-mean
#     passages, chat_embeddings chat messages;
#   - --streaming is ignored with a warning (these types do not stream);
#   - the summary and the records have request latency and throughput but no token metric (no
#     TTFT, ITL, ISL, OSL, token throughput: spec measurement §1.6, §5.6).
# A second run (rankings only) reads a random_pool directory: the query and passages come from
# the pools named by file (queries.jsonl, passages.jsonl).
# usage: embeddings_rankings.sh BUILD_DIR SOURCE_DIR TYPE
source "$(dirname "$0")/lib.sh"
build=$1; src=$2; type=$3
aiperf="$build/apps/aiperf/aiperf"
start_mock "$build" --ttft 3 --itl 1 --request-log "$work/requests.jsonl"
common=(-m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type "$type" --concurrency 2
        --request-count 8 --random-seed 3 --streaming)
case $type in
  *rankings) inputs=(--rankings-passages-mean 3 --rankings-query-prompt-token-mean 8
                     --rankings-passages-prompt-token-mean 12) ;;
  chat_embeddings) inputs=(--isl 16) ;;
  *) inputs=(--isl 16 --batch-size 4) ;;
esac
"$aiperf" profile "${common[@]}" "${inputs[@]}" --artifact-dir "$work/out" >"$work/out.log" 2>&1 ||
  { cat "$work/out.log"; echo "FAILED: aiperf profile --endpoint-type $type exited non-zero"; exit 1; }
grep -qF -- "--streaming is ignored: --endpoint-type $type does not stream" "$work/out.log" ||
  { cat "$work/out.log"; echo "FAILED: no warning that --streaming is ignored"; exit 1; }
"$PY" "$src/tests/integration/check_profile.py" "$work/out" --requests 8
cp "$work/requests.jsonl" "$work/synthetic.requests.jsonl"

"$PY" - "$work" "$type" <<'PY'
import json, sys
work, kind = sys.argv[1], sys.argv[2]
reqs = [json.loads(l) for l in open(f"{work}/synthetic.requests.jsonl")]
fail = []
path = {"embeddings": "/v1/embeddings", "nim_embeddings": "/v1/embeddings", "chat_embeddings": "/v1/embeddings",
        "nim_rankings": "/v1/ranking", "hf_tei_rankings": "/rerank", "cohere_rankings": "/v2/rerank"}[kind]
if len(reqs) != 8:
    fail.append(f"the server received {len(reqs)} requests, expected 8")
for r in reqs:
    body = json.loads(r["body"])
    if r["path"] != path:
        fail.append(f"path {r['path']}, expected {path}")
    if "stream" in body and kind != "chat_embeddings":
        fail.append(f"unexpected stream field: {body}")
    if kind in ("embeddings", "nim_embeddings"):
        ok = set(body) == {"model", "input"} and body["model"] == "m" and isinstance(body["input"], list) \
            and len(body["input"]) == 4 and all(isinstance(s, str) and s for s in body["input"]) \
            and len(set(body["input"])) == 4
    elif kind == "chat_embeddings":
        ok = body.get("stream") is False and body["model"] == "m" and len(body["messages"]) == 1 \
            and body["messages"][0]["role"] == "user" and body["messages"][0]["content"]
    elif kind == "nim_rankings":
        ok = set(body) == {"model", "query", "passages"} and isinstance(body["query"]["text"], str) \
            and len(body["passages"]) == 3 and all(set(p) == {"text"} for p in body["passages"])
    elif kind == "hf_tei_rankings":
        ok = set(body) == {"query", "texts"} and isinstance(body["query"], str) and len(body["texts"]) == 3 \
            and all(isinstance(p, str) for p in body["texts"])
    else:
        ok = set(body) == {"model", "query", "documents"} and isinstance(body["query"], str) \
            and len(body["documents"]) == 3
    if not ok:
        fail.append(f"body not shaped as {kind}: {r['body'][:300]}")

summary = json.load(open(f"{work}/out/profile_export_aiperf.json"))
records = [json.loads(l) for l in open(f"{work}/out/profile_export.jsonl")]
present = ["request_latency", "request_throughput", "request_count"]
absent = ["time_to_first_token", "time_to_second_token", "inter_token_latency", "input_sequence_length",
          "output_sequence_length", "output_token_throughput", "output_token_throughput_per_user",
          "output_token_count", "total_isl", "total_osl", "total_token_throughput"]
for tag in present:
    if tag not in summary:
        fail.append(f"summary lacks {tag}")
for tag in absent:
    if tag in summary:
        fail.append(f"summary has {tag}, a token metric of a non-token endpoint")
for r in records:
    if "error" in r:
        fail.append(f"error record: {r['error']}")
    if "request_latency" not in r["metrics"]:
        fail.append(f"record without request_latency: {r['metrics']}")
    bad = [t for t in absent if t in r["metrics"]]
    if bad:
        fail.append(f"record has token metrics {bad}")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail[:10]))
    sys.exit(1)
print(f"{kind}: 8 requests of the right shape on {path}, latency without token metrics: OK")
PY

case $type in *rankings) ;; *) exit 0 ;; esac
# Rankings from a random_pool directory: one query (queries.jsonl) and one passage
# (passages.jsonl) per request, as named texts.
before=$(wc -l <"$work/requests.jsonl")
"$aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type "$type" \
  --input-file "$src/tests/data/random_pool" --custom-dataset-type random_pool --conversation-num 6 \
  --concurrency 1 --random-seed 4 --artifact-dir "$work/pool" >"$work/pool.log" 2>&1 ||
  { cat "$work/pool.log"; echo "FAILED: rankings from random_pool exited non-zero"; exit 1; }
"$PY" "$src/tests/integration/check_profile.py" "$work/pool" --requests 6
tail -n +"$((before + 1))" "$work/requests.jsonl" >"$work/pool.requests.jsonl"
"$PY" - "$work" "$type" "$src/tests/data/random_pool" <<'PY'
import json, sys
work, kind, pools = sys.argv[1], sys.argv[2], sys.argv[3]
def contents(name):
    out = []
    for line in open(f"{pools}/{name}"):
        r = json.loads(line)
        out.append([r["text"]] if "text" in r else [c for t in r["texts"] for c in t["contents"]])
    return out
passages, queries = contents("passages.jsonl"), contents("queries.jsonl")
reqs = [json.loads(json.loads(l)["body"]) for l in open(f"{work}/pool.requests.jsonl")]
fail = [] if len(reqs) == 6 else [f"{len(reqs)} requests, expected 6"]
for b in reqs:
    q = b["query"]["text"] if kind == "nim_rankings" else b["query"]
    ps = {"nim_rankings": lambda: [p["text"] for p in b["passages"]], "hf_tei_rankings": lambda: b["texts"],
          "cohere_rankings": lambda: b["documents"]}[kind]()
    if not any(q == qs[0] for qs in queries):
        fail.append(f"query {q!r} is not the first text of a queries.jsonl item")
    if ps not in passages:
        fail.append(f"passages {ps!r} are not one passages.jsonl item")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print(f"{kind}: query and passages from a random_pool directory: OK")
PY
