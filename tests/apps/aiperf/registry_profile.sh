#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The registry's dispatch, end to end: the test-policies driver (tests/apps.cmake) profiles
# aiperf-mock-server with --endpoint-type test_echo, an endpoint that only its extra-policies
# header declares, in both response modes; every artifact is written and agrees with the JSONL.
# usage: registry_profile.sh DRIVER BUILD_DIR SOURCE_DIR
source "$3/tests/integration/lib.sh"
driver=$1; build=$2; src=$3
start_mock "$build" --ttft 5 --itl 1
for mode in "" --streaming; do
  art="$work/art${mode}"
  "$driver" profile --model m --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type test_echo $mode \
    --concurrency 4 --request-count 24 --isl 32 --tokenizer builtin --random-seed 3 \
    --artifact-dir "$art" | tee "$work/out.txt"
  "$PY" "$src/tests/integration/check_profile.py" "$art" --requests 24 $mode
  # The run's recorded configuration names the test-only endpoint.
  grep -q '"test_echo"' "$art/profile_export_aiperf.json"
  grep -q "Request Latency" "$work/out.txt"
done
echo "registry_profile: OK"
