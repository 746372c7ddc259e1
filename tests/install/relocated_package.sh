#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The researcher's drop-in path through the CMake package, relocated: `cmake --install` into a
# prefix, MOVE the prefix, build examples/minimal_main.cpp (the README's main) against the moved
# prefix with find_package(aiperf), and run it against aiperf-mock-server with no AIPERF_DATA_DIR:
# the package must find its own <prefix>/share/aiperf.
# usage: relocated_package.sh BUILD_DIR SOURCE_DIR CMAKE_GENERATOR CXX_COMPILER
source "$(dirname "$0")/../integration/lib.sh"
build=$1; src=$2; generator=$3; cxx=$4
unset AIPERF_DATA_DIR
# Kept in the build tree (not $work) so a failure can be inspected; cleared on each run.
dir="$build/tests/install-relocated"
rm -rf "$dir" && mkdir -p "$dir/elsewhere"

cmake --install "$build" --prefix "$dir/staged" >/dev/null
mv "$dir/staged" "$dir/elsewhere/prefix"
prefix="$dir/elsewhere/prefix"
[ -f "$prefix/share/aiperf/o200k_base.tiktoken" ] || { echo "FAILED: install put no rank file in $prefix/share/aiperf"; exit 1; }

cmake -S "$src/tests/consumer" -B "$dir/consumer" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DAIPERF_CONSUMER_SOURCE="$src/examples/minimal_main.cpp" >"$dir/configure.log" 2>&1 ||
  { cat "$dir/configure.log"; echo "FAILED: configuring tests/consumer against $prefix"; exit 1; }
# The package must point the program at the MOVED prefix (a configure-time path would name
# $dir/staged, which no longer exists; a fallback such as /usr/local/share/aiperf could hide that).
grep -q "AIPERF_DATA_DIR=.*$prefix/share/aiperf" "$dir/consumer/compile_commands.json" ||
  { grep -o 'AIPERF_DATA_DIR=[^ ]*' "$dir/consumer/compile_commands.json" || true;
    echo "FAILED: the consumer is not compiled with AIPERF_DATA_DIR=$prefix/share/aiperf"; exit 1; }
cmake --build "$dir/consumer" >"$dir/build.log" 2>&1 || { tail -50 "$dir/build.log"; echo "FAILED: building the consumer"; exit 1; }

start_mock "$build" --ttft 20 --itl 2
rc=0
"$dir/consumer/consumer" "http://127.0.0.1:$MOCK_PORT" >"$dir/run.log" 2>&1 || rc=$?
cat "$dir/run.log"
[ "$rc" -eq 0 ] || { echo "FAILED: the consumer exited with $rc"; exit 1; }
grep -Eq '[1-9][0-9]* requests ok' "$dir/run.log" || { echo "FAILED: no 'requests ok' line"; exit 1; }
echo "relocated package: OK"
