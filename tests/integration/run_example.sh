#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs one example program against aiperf-mock-server; the example's own exit code and its
# table (checked by the ctest regex) decide.  usage: run_example.sh BUILD_DIR EXAMPLE [mock flags]
source "$(dirname "$0")/lib.sh"
build=$1; example=$2; shift 2
start_mock "$build" "$@"
"$build/examples/$example" "http://127.0.0.1:$MOCK_PORT"
