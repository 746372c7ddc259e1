#!/usr/bin/env bash
# Sanitizer legs (STYLE §5.6): the library's unit suites under ASan+UBSan, and the concurrent
# parts (runner: shards + processing thread; transport) under TSan.  Run by .ci/run after the
# main suite; each leg has its own build directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)
leg() {  # leg NAME SANITIZERS TARGETS...
  local name=$1 san=$2; shift 2
  local dir=build-$name
  # -O1 -g1: line tables are all a sanitizer report needs, and on CI's 2 cores they build
  # faster than RelWithDebInfo's -O2 -g; assertions stay on.
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIPERF_SANITIZE="$san" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DAIPERF_BUILD_APPS=OFF -DAIPERF_BUILD_EXAMPLES=OFF -DAIPERF_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$dir" -j"$jobs" --target "$@"
  local areas
  areas=$(printf '%s|' "${@#test_}" | sed 's/|$//')
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 TSAN_OPTIONS=halt_on_error=1 \
    ctest --test-dir "$dir" -R "^(${areas}):" --output-on-failure -j"$jobs" --timeout 600
}
leg asan address,undefined test_runner test_transport test_endpoints test_schedules test_metrics test_results
leg tsan thread test_runner
