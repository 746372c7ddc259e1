#!/usr/bin/env bash
# Installs the third-party peers and fixtures the test suite talks to, outside the repository:
#   - @dwmkerr/mock-llm (npm): an independent OpenAI-compatible mock server (no usage blocks)
#   - the tokenizer parity fixtures and any other area's set-up script (tests/*/setup.sh)
#   - llama.cpp's llama-server + a tiny random-weight model (scripts/build-llama-server.sh): a real
#     engine for tests/integration/llama_server.sh. The first build takes minutes (docs/test-peers.md),
#     later runs are no-ops; AIPERF_SKIP_LLAMA_SERVER=1 leaves it out (that test is then skipped).
# Everything lands in ${AIPERF_PEERS_DIR:-$HOME/.cache/aiperf/peers}; reruns are no-ops.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers=${AIPERF_PEERS_DIR:-$HOME/.cache/aiperf/peers}
mkdir -p "$peers/mock-llm"
if [ ! -f "$peers/mock-llm/node_modules/@dwmkerr/mock-llm/dist/main.js" ]; then
  (cd "$peers/mock-llm" && { [ -f package.json ] || npm init -y >/dev/null; } &&
   npm install --no-audit --no-fund --loglevel=error @dwmkerr/mock-llm@0.1.29 >/dev/null)
fi
for setup in "$root"/tests/*/setup.sh; do
  [ -f "$setup" ] && bash "$setup"
done
if [ "${AIPERF_SKIP_LLAMA_SERVER:-0}" != 1 ]; then
  bash "$root/scripts/build-llama-server.sh"
fi
echo "test peers ready in $peers"
