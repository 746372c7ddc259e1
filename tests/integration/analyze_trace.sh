#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `aiperf analyze-trace` (spec §10.1) checked against an independent computation: a plain-Python
# re-implementation of the analysis (no numpy: linear percentiles written out) reads the same
# Mooncake fixture, and every field of --output-file's JSON and every line of the console report
# must agree (counts exactly, values to 1e-9 relative, the console text byte for byte).  Then the
# command's edges: the input as --input-file, another --block-size, an empty trace, parent
# directories created, a missing file, a bad line named FILE:LINE.
# usage: analyze_trace.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
aiperf="$build/apps/aiperf/aiperf"
trace="$src/tests/data/traces/mooncake_analyze.jsonl"
check="$(dirname "$0")/check_analyze_trace.py"

run() {  # run NAME ARGS...: stdout to $work/NAME.out; fails the test on a non-zero exit
  local name=$1; shift
  "$aiperf" analyze-trace "$@" >"$work/$name.out" 2>"$work/$name.err" ||
    { cat "$work/$name.err"; echo "FAILED: aiperf analyze-trace $* exited non-zero"; exit 1; }
}

run b512 "$trace" --output-file "$work/nested/dir/report.json"
"$PY" "$check" "$trace" 512 "$work/nested/dir/report.json" "$work/b512.out"
grep -qx "Analysis report saved to $work/nested/dir/report.json" "$work/b512.out" ||
  { cat "$work/b512.out"; echo "FAILED: no 'Analysis report saved to' line"; exit 1; }

run b16 --input-file "$trace" --block-size 16 --output-file "$work/b16.json"
"$PY" "$check" "$trace" 16 "$work/b16.json" "$work/b16.out"
cmp -s "$work/b16.json" "$work/nested/dir/report.json" && { echo "FAILED: --block-size changed nothing"; exit 1; }

: >"$work/empty.jsonl"
run empty "$work/empty.jsonl" --output-file "$work/empty.json"
"$PY" "$check" "$work/empty.jsonl" 512 "$work/empty.json" "$work/empty.out"

set +e
"$aiperf" analyze-trace "$work/no-such.jsonl" >"$work/missing.out" 2>"$work/missing.err"; rc=$?
set -e
[ "$rc" -eq 1 ] && grep -qx "Error: Input file not found: $work/no-such.jsonl" "$work/missing.err" ||
  { cat "$work/missing.err"; echo "FAILED: missing input (rc=$rc)"; exit 1; }

printf '{"input_length": 10, "hash_ids": [1]}\n\n{"input_length": 10, "hash_ids": [1, "x"]}\n' >"$work/bad.jsonl"
set +e
"$aiperf" analyze-trace "$work/bad.jsonl" --output-file "$work/bad.json" >"$work/bad.out" 2>"$work/bad.err"; rc=$?
set -e
if [ "$rc" -ne 1 ] || [ "$(grep -c . "$work/bad.err")" -ne 1 ] || ! grep -q "^aiperf: error: $work/bad.jsonl:3: hash_ids" "$work/bad.err" ||
   [ -e "$work/bad.json" ]; then
  cat "$work/bad.err"; echo "FAILED: bad line (rc=$rc)"; exit 1
fi
echo "analyze-trace: JSON and console match the independent computation (block 512 and 16, empty); errors OK"
