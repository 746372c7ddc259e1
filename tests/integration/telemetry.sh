#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Server metrics and GPU telemetry against aiperf-mock-server (spec measurement §8):
#   - the mock's /metrics is scraped as the --url's default target: 12 requests give
#     vllm:request_success total 12 (unit requests), the e2e histogram count 12 with its bucket
#     deltas summing to 12, num_requests_waiting a gauge of exactly 0; json, csv and jsonl written;
#   - its /dcgm/metrics page (fixed GPU values) given to --gpu-telemetry comes out exactly in
#     telemetry_data, the CSV GPU section, gpu_telemetry_export.jsonl and the console tables:
#     250.5 W / 300.25 W, 40960 MiB -> 42.94967296 GB, SM active 0.5 -> 50 %, energy N*0.001 MJ;
#   - the default DCGM ports (nothing there) are reported as configured but not successful;
#   - --no-server-metrics --no-gpu-telemetry writes neither; parquet is refused in one line.
# usage: telemetry.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1; src=$2
aiperf="$build/apps/aiperf/aiperf"
start_mock "$build" --ttft 2 --itl 1
base="http://127.0.0.1:$MOCK_PORT"
common=(-m m --tokenizer builtin --url "$base" --concurrency 3 --request-count 12 --random-seed 5 --streaming --osl 8)
"$aiperf" profile "${common[@]}" --gpu-telemetry "127.0.0.1:$MOCK_PORT/dcgm/metrics" \
  --server-metrics-formats json,csv,jsonl --artifact-dir "$work/out" >"$work/out.log" 2>&1 ||
  { cat "$work/out.log"; echo "FAILED: aiperf profile with telemetry exited non-zero"; exit 1; }
"$PY" "$src/tests/integration/check_telemetry.py" "$work/out" "$work/out.log" "$base" 12

"$aiperf" profile "${common[@]}" --no-server-metrics --no-gpu-telemetry --artifact-dir "$work/off" >"$work/off.log" 2>&1 ||
  { cat "$work/off.log"; echo "FAILED: aiperf profile --no-server-metrics --no-gpu-telemetry exited non-zero"; exit 1; }
if ls "$work/off" | grep -E 'server_metrics|gpu_telemetry'; then echo "FAILED: telemetry files written although disabled"; exit 1; fi
grep -q telemetry_data "$work/off/profile_export_aiperf.json" && { echo "FAILED: telemetry_data although disabled"; exit 1; }

set +e
"$aiperf" profile "${common[@]}" --server-metrics-formats json,parquet --artifact-dir "$work/pq" >"$work/pq.log" 2>&1
rc=$?
set -e
[[ $rc == 1 ]] || { cat "$work/pq.log"; echo "FAILED: parquet not refused (rc $rc)"; exit 1; }
[[ $(wc -l <"$work/pq.log") == 1 ]] && grep -qF -- "--server-metrics-formats parquet is not supported" "$work/pq.log" ||
  { cat "$work/pq.log"; echo "FAILED: parquet refusal is not one clear line"; exit 1; }
echo "PASS"
