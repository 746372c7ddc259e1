#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The same profile command against the third-party @dwmkerr/mock-llm (npm).  It sends no usage
# block, so OSL comes from client-side tokenization; its chunks are characters, not tokens.
# usage: profile_vs_mock_llm.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
peers=${AIPERF_PEERS_DIR:-$HOME/.cache/aiperf/peers}
main_js="$peers/mock-llm/node_modules/@dwmkerr/mock-llm/dist/main.js"
if [ ! -f "$main_js" ]; then
  echo "mock-llm not installed (run scripts/install-test-peers.sh)"
  [ "${CI:-}" = "true" ] && exit 1
  exit 77  # skipped locally
fi
cat > "$work/mock-llm.yaml" <<'YAML'
streaming:
  chunkSize: 12
  chunkIntervalMs: 2
rules:
  - path: "/v1/chat/completions"
    method: "POST"
    match: "@"
    response:
      status: 200
      content: |
        {
          "id": "chatcmpl-{{timestamp}}",
          "object": "chat.completion",
          "model": "{{jmes request body.model}}",
          "choices": [{
            "message": {"role": "assistant", "content": "The quick brown fox jumps over the lazy dog while the benchmark counts every token it sends back."},
            "finish_reason": "stop"
          }]
        }
YAML
port=$(free_port)
(cd "$work" && HOST=127.0.0.1 PORT=$port exec node "$main_js" --config "$work/mock-llm.yaml") >"$work/mockllm.log" 2>&1 &
pids+=($!)
wait_http "$port" /health || wait_http "$port" /v1/models
"$build/apps/aiperf/aiperf" profile --model m --url "http://127.0.0.1:$port" --endpoint-type chat \
  --streaming --concurrency 8 --request-count 200 --isl 128 --osl 64 --tokenizer builtin \
  --random-seed 7 --artifact-dir "$work/art" | tee "$work/out.txt"
"$PY" "$src/tests/integration/check_profile.py" "$work/art" --requests 200 --isl 128 --osl-constant --streaming
# No usage from this server: token counts must be the client's own.
"$PY" - "$work/art/profile_export_aiperf.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
osl = s["output_sequence_length"]["avg"]
# "The quick brown fox ... sends back." is 19 tokens in o200k_base.
assert osl == 19, f"client-side OSL {osl} != 19"
print("mock-llm OSL from client tokenization:", osl)
PY
echo "profile_vs_mock_llm: OK"
