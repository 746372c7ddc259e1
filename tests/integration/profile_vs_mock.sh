#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue #2 acceptance run: the README's profile command against aiperf-mock-server with a
# configured TTFT/ITL; checks artifacts, request count, TTFT/ITL p50 within 1 ms, and that every
# percentile in the summary equals numpy's over the per-record JSONL.
# usage: profile_vs_mock.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
start_mock "$build" --ttft 40 --itl 4
"$build/apps/aiperf/aiperf" profile --model m --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --streaming --concurrency 8 --request-count 200 --isl 128 --osl 64 --tokenizer builtin \
  --random-seed 7 --artifact-dir "$work/art" --extra-inputs ignore_eos:true | tee "$work/out.txt"
"$PY" "$src/tests/integration/check_profile.py" "$work/art" --requests 200 --ttft-ms 40 --itl-ms 4 \
  --isl 128 --osl 64 --streaming
grep -q "Time to First Token" "$work/out.txt"
# ignore_eos pins the output length: no pre-run --osl warning, no OSL mismatch, and the usage
# counts the mock reports are summed (spec measurement 3.5-3.7).
! grep -q "Using --osl without ignore_eos" "$work/out.txt"
"$PY" - "$work/art/profile_export_aiperf.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["osl_mismatch_count"]["avg"] == 0, d["osl_mismatch_count"]
assert d["osl_mismatch_diff_pct"]["max"] == 0 and d["osl_mismatch_diff_pct"]["count"] == 200
assert d["usage_completion_tokens"]["min"] == 64 and d["usage_completion_tokens"]["max"] == 64
assert d["total_usage_completion_tokens"]["avg"] == 200 * 64
assert d["usage_completion_tokens_diff_pct"]["max"] == 0
assert d["total_isl"]["avg"] == 200 * 128 and d["input_token_throughput"]["avg"] > 0
PY
# Without it, the warning upstream gives before the run.
"$build/apps/aiperf/aiperf" profile --model m --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --request-count 2 --osl 8 --tokenizer builtin --artifact-dir "$work/art2" > "$work/out2.txt" 2>&1
grep -q "WARNING  Using --osl without ignore_eos or min_tokens in --extra-inputs." "$work/out2.txt"
echo "profile_vs_mock: OK"
