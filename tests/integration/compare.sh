#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `aiperf compare` on real runs against aiperf-mock-server (docs/compare.md).
#   single: runs of --ttft 100 and --ttft 110 (a 10 ms injected difference) → TTFT worse and
#           significant; two runs of one configuration → TTFT within noise; values in compare.json
#           equal the runs' own summaries; the same seed gives the same file; --fail-on-regression.
#   multi:  two --num-profile-runs 4 directories → Welch intervals over the runs; bad input.
# usage: compare.sh BUILD_DIR single|multi
source "$(dirname "$0")/lib.sh"
build=$1
mode=$2
aiperf="$build/apps/aiperf/aiperf"
check="$(dirname "$0")/check_compare.py"
# TTFT drawn per request (sd 2 ms) so that identical configurations differ by sampling noise.
# On a loaded machine two runs of one configuration also differ by a small systematic drift (a
# millisecond or so of client scheduling) that a per-request interval does see as significant;
# --min-effect (5 %) calls it noise, so the base TTFT is 100 ms: 10 ms is 10 %, the drift ~1 %.
start_mock "$build" --ttft 100 --itl 5 --ttft-dist normal --ttft-stddev 2 --seed 1
fast="http://127.0.0.1:$MOCK_PORT"
start_mock "$build" --ttft 110 --itl 5 --ttft-dist normal --ttft-stddev 2 --seed 2
slow="http://127.0.0.1:$MOCK_PORT"
common=(-m m --tokenizer builtin --endpoint-type chat --streaming --isl 20 --osl 8 --ui none --concurrency 4)

profile() {  # profile NAME URL [flags...]
  local name=$1 url=$2
  shift 2
  "$aiperf" profile "${common[@]}" --url "$url" --artifact-dir "$work/$name" "$@" >"$work/$name.log" 2>&1 ||
    { cat "$work/$name.log"; echo "FAILED: profile $name exited non-zero"; exit 1; }
}

if [ "$mode" = single ]; then
  profile base "$fast" --request-count 100
  profile same "$fast" --request-count 100
  profile slower "$slow" --request-count 100
  "$aiperf" compare "$work/base" "$work/slower" "$work/same" --output "$work/cmp" --seed 5 >"$work/cmp.log" 2>&1 ||
    { cat "$work/cmp.log"; echo "FAILED: compare exited non-zero (a regression is not an error)"; exit 1; }
  grep -q "NVIDIA AIPerf | Compare" "$work/cmp.log" || { cat "$work/cmp.log"; echo "FAILED: no console table"; exit 1; }
  grep -q "Compare JSON Export: $work/cmp/compare.json" "$work/cmp.log" ||
    { cat "$work/cmp.log"; echo "FAILED: no export line"; exit 1; }
  # Reproducible: the same seed gives the same file.
  "$aiperf" compare "$work/base" "$work/slower" "$work/same" --output "$work/cmp2" --seed 5 >/dev/null
  cmp "$work/cmp/compare.json" "$work/cmp2/compare.json" || { echo "FAILED: same seed, different compare.json"; exit 1; }
  # --fail-on-regression: 3 exactly when compare.json holds a "worse" verdict; 0 for a run
  # against itself (every difference 0).
  set +e
  "$aiperf" compare "$work/base" "$work/slower" --output "$work/cmp3" --fail-on-regression >/dev/null 2>&1
  rc_worse=$?
  "$aiperf" compare "$work/base" "$work/base" --output "$work/cmp4" --fail-on-regression >"$work/cmp4.log" 2>&1
  rc_self=$?
  set -e
  want=$("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(3 if any(m["verdict"] == "worse" for c in d["candidates"] for m in c["metrics"]) else 0)' "$work/cmp3/compare.json")
  [ "$rc_worse" = "$want" ] || { echo "FAILED: --fail-on-regression exited $rc_worse, compare.json says $want"; exit 1; }
  [ "$rc_self" = 0 ] || { cat "$work/cmp4.log"; echo "FAILED: --fail-on-regression of a run with itself exited $rc_self"; exit 1; }
  "$PY" "$check" single "$work" || { cat "$work/cmp.log"; exit 1; }
else
  profile base "$fast" --request-count 40 --num-profile-runs 4
  profile slower "$slow" --request-count 40 --num-profile-runs 4
  "$aiperf" compare "$work/base" "$work/slower" --output "$work/cmp" >"$work/cmp.log" 2>&1 ||
    { cat "$work/cmp.log"; echo "FAILED: compare exited non-zero"; exit 1; }
  grep -q "Welch t over the runs" "$work/cmp.log" || { cat "$work/cmp.log"; echo "FAILED: no Welch note"; exit 1; }
  "$PY" "$check" multi "$work" || { cat "$work/cmp.log"; exit 1; }

  # Bad input: one line naming the path and, for a run, the missing file; exit code 1.
  bad() {  # bad EXPECTED_TEXT ARGS...
    local want=$1
    shift
    set +e
    "$aiperf" compare "$@" --output "$work/bad" >"$work/bad.out" 2>"$work/bad.err"
    local rc=$?
    set -e
    [ "$rc" = 1 ] || { cat "$work/bad.err"; echo "FAILED: compare $* exited $rc, expected 1"; exit 1; }
    [ "$(wc -l <"$work/bad.err")" = 1 ] || { cat "$work/bad.err"; echo "FAILED: compare $*: not one line"; exit 1; }
    grep -qF -- "$want" "$work/bad.err" || { cat "$work/bad.err"; echo "FAILED: compare $*: no '$want'"; exit 1; }
  }
  mkdir -p "$work/empty" "$work/half"
  cp "$work/base/profile_runs/run_0001/profile_export_aiperf.json" "$work/half/"
  bad "$work/nowhere: no such directory" "$work/base" "$work/nowhere"
  bad "$work/empty: no run here: expected profile_export_aiperf.json and profile_export.jsonl" "$work/empty" "$work/base"
  bad "$work/half/profile_export.jsonl: missing" "$work/base" "$work/half"
  rm "$work/slower/profile_runs/run_0002/profile_export_aiperf.json"
  bad "$work/slower/profile_runs/run_0002/profile_export_aiperf.json: missing" "$work/base" "$work/slower"
  printf '{"metadata": {"request_start_ns": 1, broken\n' >>"$work/base/profile_runs/run_0003/profile_export.jsonl"
  bad "$work/base/profile_runs/run_0003/profile_export.jsonl:41: not a JSON object" "$work/base" "$work/base"
  bad "a baseline and at least one candidate are required" "$work/base"
  bad "--bootstrap: expected at least 100 resamples" "$work/base" "$work/base" --bootstrap 10
  bad "--confidence: expected a level strictly between 0 and 1" "$work/base" "$work/base" --confidence 1.5
  [ ! -e "$work/bad/compare.json" ] || { echo "FAILED: bad input wrote compare.json"; exit 1; }
fi
echo "compare $mode: OK"
