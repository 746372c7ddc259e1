#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `aiperf synthesize-trace` (spec §10.2, §10.3) checked against an independent computation: for
# several parameter sets, check_synthesize_trace.py re-implements apply_multipliers from the
# spec and compares every output row and the console (tree statistics recomputed).  Then: the
# same seed gives the same file, another seed other output lengths, `synthesize` is the same
# command, parent directories are created, a missing input and a bad line (FILE:LINE, nothing
# written, an existing output left as it was).
# usage: synthesize_trace.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
aiperf="$build/apps/aiperf/aiperf"
trace="$src/tests/data/traces/mooncake_analyze.jsonl"
check="$(dirname "$0")/check_synthesize_trace.py"

# case NAME BLOCK SPEEDUP PREFIX_LEN ROOTS PROMPT_LEN MAX_ISL|- SEED: run and check one parameter set
case_() {
  local name=$1 block=$2 speedup=$3 prefix=$4 roots=$5 prompt=$6 max_isl=$7 seed=$8
  local args=("$trace" "$work/$name.jsonl" --block-size "$block" --speedup-ratio "$speedup"
              --prefix-len-multiplier "$prefix" --prefix-root-multiplier "$roots" --prompt-len-multiplier "$prompt"
              --seed "$seed")
  [ "$max_isl" = - ] || args+=(--max-isl "$max_isl")
  "$aiperf" synthesize-trace "${args[@]}" >"$work/$name.out" 2>"$work/$name.err" ||
    { cat "$work/$name.err"; echo "FAILED: aiperf synthesize-trace ${args[*]} exited non-zero"; exit 1; }
  "$PY" "$check" "$trace" "$work/$name.jsonl" "$work/$name.out" "$block" "$speedup" "$prefix" "$roots" "$prompt" \
    "$max_isl" "$seed"
}

case_ defaults 512 1.0 1.0 1 1.0 - 42
case_ longer 512 2.0 2.0 1 3.0 6000 42
case_ fraction 512 0.5 1.4 1 2.5 - 42
case_ shorter 16 1.0 0.5 3 1.0 - 7
case_ all 64 4.0 1.5 2 2.0 2000 1

# The same seed, the same file; another seed, other output lengths (the ids do not depend on it).
"$aiperf" synthesize-trace "$trace" "$work/again.jsonl" >/dev/null
cmp -s "$work/again.jsonl" "$work/defaults.jsonl" || { echo "FAILED: the same seed gave another file"; exit 1; }
"$aiperf" synthesize-trace "$trace" "$work/seed43.jsonl" --seed 43 >/dev/null
cmp -s "$work/seed43.jsonl" "$work/defaults.jsonl" && { echo "FAILED: --seed changed nothing"; exit 1; }

# `aiperf synthesize` is the same command; parent directories are created.
"$aiperf" synthesize "$trace" "$work/nested/dir/alias.jsonl" >"$work/alias.out"
cmp -s "$work/nested/dir/alias.jsonl" "$work/defaults.jsonl" || { echo "FAILED: synthesize differs from synthesize-trace"; exit 1; }
grep -qx "Output saved to $work/nested/dir/alias.jsonl" "$work/alias.out" || { cat "$work/alias.out"; echo "FAILED: alias output line"; exit 1; }

# A missing input.
set +e
"$aiperf" synthesize-trace "$work/no-such.jsonl" "$work/x.jsonl" >"$work/missing.out" 2>"$work/missing.err"; rc=$?
set -e
[ "$rc" -eq 1 ] && grep -qx "Error: Input file not found: $work/no-such.jsonl" "$work/missing.err" && [ ! -e "$work/x.jsonl" ] ||
  { cat "$work/missing.err"; echo "FAILED: missing input (rc=$rc)"; exit 1; }

# A bad line: one error line naming FILE:LINE: field, nothing printed, nothing written, and an
# existing output file left untouched.
printf '{"input_length": 10, "hash_ids": [1]}\n\n{"input_length": 10, "hash_ids": [1, "x"]}\n' >"$work/bad.jsonl"
echo "previous" >"$work/kept.jsonl"
for target in "$work/bad-out.jsonl" "$work/kept.jsonl"; do
  set +e
  "$aiperf" synthesize-trace "$work/bad.jsonl" "$target" >"$work/bad.out" 2>"$work/bad.err"; rc=$?
  set -e
  if [ "$rc" -ne 1 ] || [ "$(grep -c . "$work/bad.err")" -ne 1 ] || [ -s "$work/bad.out" ] ||
     ! grep -q "^aiperf: error: $work/bad.jsonl:3: hash_ids\[1\]: " "$work/bad.err"; then
    cat "$work/bad.out" "$work/bad.err"; echo "FAILED: bad line (rc=$rc)"; exit 1
  fi
done
[ ! -e "$work/bad-out.jsonl" ] && [ "$(cat "$work/kept.jsonl")" = previous ] ||
  { echo "FAILED: a bad input wrote an output"; exit 1; }
echo "synthesize-trace: every row and the console match the independent computation (5 parameter sets); seed, alias, errors OK"
