#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The researcher's drop-in path without CMake: runs the `g++ … examples/minimal_main.cpp …` line
# of README.md verbatim (from a directory where include/ and examples/ are the source tree's),
# then the program against aiperf-mock-server with AIPERF_DATA_DIR=<build>/data, as the README
# says. Also checks that without any data dir the error names the rank file and AIPERF_DATA_DIR.
# usage: plain_headers.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/../integration/lib.sh"
build=$1; src=$2
unset AIPERF_DATA_DIR
compile=$(grep -E '^g\+\+ .*examples/minimal_main\.cpp' "$src/README.md" | head -n 1)
[ -n "$compile" ] || { echo "FAILED: README.md has no 'g++ … examples/minimal_main.cpp' line"; exit 1; }
dir="$build/tests/install-plain"
rm -rf "$dir" && mkdir -p "$dir/bin"
ln -s "$src/include" "$dir/bin/include"
ln -s "$src/examples" "$dir/bin/examples"
echo "+ $compile"
(cd "$dir/bin" && eval "$compile") || { echo "FAILED: the README's compile line"; exit 1; }
exe=$(find "$dir/bin" -maxdepth 1 -type f -perm -u+x | head -n 1)
[ -n "$exe" ] || { echo "FAILED: the README's compile line made no executable"; exit 1; }

start_mock "$build" --ttft 20 --itl 2
rc=0
AIPERF_DATA_DIR="$build/data" "$exe" "http://127.0.0.1:$MOCK_PORT" >"$dir/run.log" 2>&1 || rc=$?
cat "$dir/run.log"
[ "$rc" -eq 0 ] || { echo "FAILED: the program exited with $rc"; exit 1; }
grep -Eq '[1-9][0-9]* requests ok' "$dir/run.log" || { echo "FAILED: no 'requests ok' line"; exit 1; }

# Without AIPERF_DATA_DIR (and no rank file in the fixed fallbacks) the run must stop with an error
# that says what is missing and how to fix it.
fallback_has_file=0
for d in "$dir/share/aiperf" /usr/local/share/aiperf /usr/share/aiperf; do
  [ -f "$d/o200k_base.tiktoken" ] && fallback_has_file=1
done
if [ "$fallback_has_file" -eq 0 ]; then
  rc=0
  "$exe" "http://127.0.0.1:$MOCK_PORT" >"$dir/missing.log" 2>&1 || rc=$?
  [ "$rc" -ne 0 ] || { cat "$dir/missing.log"; echo "FAILED: ran without any rank file"; exit 1; }
  grep -q 'o200k_base.tiktoken' "$dir/missing.log" && grep -q 'AIPERF_DATA_DIR' "$dir/missing.log" ||
    { cat "$dir/missing.log"; echo "FAILED: the missing-rank-file error does not name the file and AIPERF_DATA_DIR"; exit 1; }
fi
echo "plain headers: OK"
