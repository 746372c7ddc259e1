#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A custom Metric reaches all four artifacts: examples/custom_metric.cpp (two user metrics,
# tokens_per_chunk and headers_to_first_token) runs against aiperf-mock-server with an artifact
# directory; check_custom_metric_artifacts.py checks its console output,
# profile_export_aiperf.json, profile_export_aiperf.csv and every profile_export.jsonl line.
# usage: custom_metric_artifacts.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
start_mock "$build" --ttft 20 --itl 2 --tokens-per-chunk 2
"$build/examples/example_custom_metric" "http://127.0.0.1:$MOCK_PORT" "$work/artifacts" >"$work/console.txt"
cat "$work/console.txt"
"$PY" "$(dirname "$0")/check_custom_metric_artifacts.py" "$work/console.txt" "$work/artifacts" 30
