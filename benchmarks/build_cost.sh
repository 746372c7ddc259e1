#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# build_cost.sh — PERFORMANCE.md G12 and issue #6: clean-build cost of the minimal example and of
# the driver, the driver's .text, and the driver's .text per endpoint type.
#
# usage: build_cost.sh --src SRC_DIR --build BUILD_DIR [--jobs N] [--endpoint-types T1,T2,...]
#                      [--no-all] [--keep-going]
#   --src DIR             source tree to measure (a checkout of aiperf)
#   --build DIR           build directory; it is configured afresh (Release, Ninja); an existing
#                         CMakeCache.txt there is removed first, other files are cleaned by ninja
#   --jobs N              ninja -j (default 2: the machine is shared)
#   --endpoint-types L    comma-separated C++ endpoint type names whose .text is summed
#                         (default openai_chat,openai_completions)
#   --no-all              skip (c), the clean build of the whole default target set (tests too)
# Each build starts from `ninja clean`, so (a), (b) and (c) each compile everything they need.
# CPU time (user+sys of ninja and every compiler it runs) is the robust figure on a shared VM:
# wall time grows with whatever else runs on the cores, CPU time much less.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

src=
build=
jobs=2
endpoint_types=openai_chat,openai_completions
do_all=1
while [ $# -gt 0 ]; do
  case $1 in
    --src) src=${2:?--src needs a directory}; shift 2 ;;
    --build) build=${2:?--build needs a directory}; shift 2 ;;
    --jobs) jobs=${2:?--jobs needs a number}; shift 2 ;;
    --endpoint-types) endpoint_types=${2:?--endpoint-types needs a list}; shift 2 ;;
    --no-all) do_all=0; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (see --help)" ;;
  esac
done
[ -n "$src" ] || bench_die "--src: required (the source tree to build)"
[ -n "$build" ] || bench_die "--build: required (the build directory to configure)"
[ -f "$src/CMakeLists.txt" ] || bench_die "--src: '$src' has no CMakeLists.txt"
[[ $jobs =~ ^[0-9]+$ ]] && [ "$jobs" -ge 1 ] || bench_die "--jobs: expected an integer >= 1, got '$jobs'"
[[ $endpoint_types =~ ^[A-Za-z_][A-Za-z0-9_]*(,[A-Za-z_][A-Za-z0-9_]*)*$ ]] ||
  bench_die "--endpoint-types: expected C++ type names separated by commas, got '$endpoint_types'"
for tool in cmake ninja nm size; do command -v $tool >/dev/null || bench_die "$tool not found"; done
[ -x /usr/bin/time ] || bench_die "/usr/bin/time not found (apt-get install time)"
src=$(cd "$src" && pwd)
mkdir -p "$build"
build=$(cd "$build" && pwd)

tmp=$(mktemp -d /tmp/aiperf-build-cost.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# ---- configure afresh ------------------------------------------------------------------------
rm -f "$build/CMakeCache.txt"
bench_log "configuring $src into $build (Release, Ninja)"
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER_LAUNCHER= \
  >"$tmp/configure.log" 2>&1 || { tail -n 30 "$tmp/configure.log" >&2; bench_die "cmake configure failed"; }

# The tokenizer rank files are copied from a cache, not compiled: install them once, untimed,
# so every timed build below is compile and link only.
prepare() {
  ninja -C "$build" -t clean >/dev/null
  if ninja -C "$build" -t targets all 2>/dev/null | grep -q '^aiperf_tokenizer_data:'; then
    ninja -C "$build" aiperf_tokenizer_data >"$tmp/data.log" 2>&1 ||
      { tail -n 20 "$tmp/data.log" >&2; bench_die "installing the tokenizer rank files failed"; }
  fi
}

# timed_build LABEL TARGET...: a clean build; appends "LABEL wall user sys" to $tmp/times.
timed_build() {
  local label=$1; shift
  prepare
  local busy
  busy=$(bench_machine_note "before $label")
  bench_log "clean build of $label: ninja -j$jobs $*"
  local stat0 stat1
  stat0=$(bench_busy_seconds)
  /usr/bin/time -f '%e %U %S' -o "$tmp/$label.time" ninja -C "$build" -j "$jobs" "$@" >"$tmp/$label.log" 2>&1 ||
    { tail -n 30 "$tmp/$label.log" >&2; bench_die "building $label failed"; }
  stat1=$(bench_busy_seconds)
  echo "$busy" >>"$tmp/notes"
  bench_machine_note "after $label" >>"$tmp/notes"
  echo "$label $(cat "$tmp/$label.time") $stat0 $stat1" >>"$tmp/times"
}

: >"$tmp/times"
: >"$tmp/notes"
timed_build minimal_main example_minimal_main
timed_build driver aiperf-cli
# The driver is measured from this build: (c) rebuilds it with the same flags.
driver=$build/apps/aiperf/aiperf
[ -x "$driver" ] || bench_die "the driver $driver was not built"
cp "$driver" "$tmp/aiperf"
if [ $do_all = 1 ]; then timed_build all all; fi

# ---- sizes -----------------------------------------------------------------------------------
size -A "$tmp/aiperf" >"$tmp/size.txt"
nm -C -S --size-sort "$tmp/aiperf" >"$tmp/nm.txt"

python3 - "$tmp" "$jobs" "$endpoint_types" "$src" "$BENCH_NCPU" <<'PY'
import os, re, sys
tmp, jobs, types, src, ncpu = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4], sys.argv[5]

times, others = {}, {}
for line in open(os.path.join(tmp, "times")):
    label, wall, user, sys_, busy0, busy1 = line.split()
    times[label] = (float(wall), float(user), float(sys_))
    # Everybody else's CPU during the build, in cores (0 = quiet machine, 2 = two other full builds).
    others[label] = max(0.0, float(busy1) - float(busy0) - float(user) - float(sys_)) / max(float(wall), 1e-9)

text = binary = None
for line in open(os.path.join(tmp, "size.txt")):
    f = line.split()
    if len(f) >= 2 and f[0] == ".text":
        text = int(f[1])
    if len(f) >= 2 and f[0] == "Total":
        binary = int(f[1])
binary_bytes = os.path.getsize(os.path.join(tmp, "aiperf"))

# Text symbols: t/T (local/global), W/w (weak: template instantiations), i (ifunc).  With -S
# and --size-sort every line is "address size type name".  Aliases (a constructor's C1/C2
# names, identical-code folding) share one address: each address counts once.
sym_total, sym_count = 0, 0
per_type = {t: [0, 0] for t in types}
shared = [0, 0]
patterns = {t: re.compile(r"\b" + re.escape(t) + r"\b") for t in types}
seen = set()
for line in open(os.path.join(tmp, "nm.txt")):
    f = line.rstrip("\n").split(" ", 3)
    if len(f) < 4 or f[2] not in ("t", "T", "W", "w", "i") or f[0] in seen:
        continue
    seen.add(f[0])
    size, name = int(f[1], 16), f[3]
    sym_total += size
    sym_count += 1
    hit = False
    for t, pat in patterns.items():
        if pat.search(name):
            per_type[t][0] += size
            per_type[t][1] += 1
            hit = True
    if not hit:
        shared[0] += size
        shared[1] += 1

def fmt_s(x): return f"{x:8.1f}"
print()
print(f"Build cost of {src} (Release, Ninja, -j{jobs}, {ncpu} cores; clean build each)")
print("CPU = user + sys of ninja and every compiler/linker it ran: the robust figure on a shared VM.")
print("Wall time depends on what else runs on the cores: `others` = cores' worth of CPU that other processes")
print("used during the build (/proc/stat busy time minus the build's own CPU, over its wall time).")
print(f"{'target':<28} {'wall s':>8} {'CPU s':>8} {'user s':>8} {'sys s':>8} {'others':>7}")
names = {"minimal_main": "(a) example_minimal_main", "driver": "(b) aiperf-cli (driver)", "all": "(c) all (default targets)"}
for label in ("minimal_main", "driver", "all"):
    if label in times:
        w, u, s = times[label]
        print(f"{names[label]:<28} {fmt_s(w)} {fmt_s(u + s)} {fmt_s(u)} {fmt_s(s)} {others[label]:>7.2f}")
print()
print(f"driver .text: {text:,} bytes (size -A); file {binary_bytes:,} bytes; "
      f"{sym_count:,} text symbols, {sym_total:,} bytes in sized symbols")
print("driver .text per endpoint type (nm -C -S: text symbols whose demangled name contains the type;")
print("a symbol naming two types counts for both; code inlined into shared functions is not attributed):")
print(f"{'endpoint type':<24} {'bytes':>12} {'symbols':>8} {'% of .text':>10}")
for t in types:
    b, n = per_type[t]
    print(f"{t:<24} {b:>12,} {n:>8,} {100.0 * b / text if text else 0:>9.1f}%")
print(f"{'(naming none of them)':<24} {shared[0]:>12,} {shared[1]:>8,} {100.0 * shared[0] / text if text else 0:>9.1f}%")
print()
for line in open(os.path.join(tmp, "notes")):
    print(line.rstrip())

kv = [f"jobs={jobs}"]
for label in ("minimal_main", "driver", "all"):
    if label in times:
        w, u, s = times[label]
        kv += [f"{label}_wall_s={w:.1f}", f"{label}_cpu_s={u + s:.1f}", f"{label}_others_cores={others[label]:.2f}"]
kv += [f"driver_text_bytes={text}", f"driver_file_bytes={binary_bytes}"]
for t in types:
    kv += [f"text_{t}_bytes={per_type[t][0]}", f"text_{t}_symbols={per_type[t][1]}"]
kv += [f"text_shared_bytes={shared[0]}"]
print("BUILD_COST_RESULT " + " ".join(kv))
PY
