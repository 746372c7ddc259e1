#!/usr/bin/env bash
# libFuzzer leg (issue #12): builds the tests/fuzz targets with clang++
# (-fsanitize=fuzzer,address,undefined; cmake -DAIPERF_FUZZ=ON) in build-fuzz/ and runs each
# for a fixed time over its committed seed corpus (tests/fuzz/corpus/<name>).  Any crash,
# sanitizer report, leak, timeout or out-of-memory fails the script; the reproducer is left
# in build-fuzz/artifacts/<name>/.  Run by .ci/run after the sanitizer legs.
#
# usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 20 s, every target)
# New inputs found during a run go to build-fuzz/corpus/<name> (not the committed corpus);
# copy a useful one into tests/fuzz/corpus/<name> by hand.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
secs=${1:-20}
shift $(( $# > 0 ? 1 : 0 ))
[[ $secs =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS_PER_TARGET must be a whole number, got '$secs'" >&2; exit 2; }
targets=("$@")
((${#targets[@]})) || targets=(http_response sse endpoint_json dataset_line prometheus)
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (scripts/install-deps.sh installs clang)" >&2; exit 1; }
dir=build-fuzz
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang "${launcher[@]}" -DAIPERF_FUZZ=ON \
  -DAIPERF_BUILD_TESTS=OFF -DAIPERF_BUILD_APPS=OFF -DAIPERF_BUILD_EXAMPLES=OFF -DAIPERF_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$dir" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
status=0
for t in "${targets[@]}"; do
  seeds=tests/fuzz/corpus/$t
  [ -d "$seeds" ] || { echo "fuzz.sh: no seed corpus $seeds" >&2; exit 1; }
  work=$dir/corpus/$t
  out=$dir/artifacts/$t
  mkdir -p "$work" "$out"
  echo "== fuzz_$t: ${secs}s over $seeds"
  # New inputs go to the first directory (the build's), the committed seeds are read only.
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$dir/tests/fuzz/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len=8192 \
      -print_final_stats=1 -artifact_prefix="$out/" "$work" "$seeds" >"$dir/fuzz_$t.log" 2>&1; then
    tail -n 60 "$dir/fuzz_$t.log" >&2
    echo "fuzz.sh: fuzz_$t FAILED (reproducer in $out/)" >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$dir/fuzz_$t.log" | tr '\n' ' '
    echo
  fi
done
exit $status
