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
echo "profile_vs_mock: OK"
