# SPDX-License-Identifier: Apache-2.0
# common.sh — helpers shared by the benchmark scripts (sourced, not run).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

bench_die() { echo "error: $*" >&2; exit 1; }
bench_log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# A free TCP port on 127.0.0.1 (bind port 0, read it back, release it).  There is a small
# window before the server binds it again; callers retry their start-up once on failure.
bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Core pinning: server on core 0, client on core 1 (PERFORMANCE.md's setup).  With fewer than
# two cores, or without taskset, nothing is pinned and the scripts say so.
BENCH_NCPU=$(nproc 2>/dev/null || echo 1)
if command -v taskset >/dev/null 2>&1 && [ "$BENCH_NCPU" -ge 2 ]; then
  BENCH_PIN_SERVER=(taskset -c 0)
  BENCH_PIN_CLIENT=(taskset -c 1)
  BENCH_PINNING="server core 0, client core 1"
else
  BENCH_PIN_SERVER=()
  BENCH_PIN_CLIENT=()
  BENCH_PINNING="not pinned (needs taskset and 2 cores)"
fi

# Locates the driver and the mock server in a build directory; clear error when missing.
bench_find_bins() {
  local build=$1
  [ -d "$build" ] || bench_die "--build: '$build' is not a directory (configure and build aiperf first)"
  AIPERF_BIN=$build/apps/aiperf/aiperf
  MOCK_BIN=$build/apps/mock_server/aiperf-mock-server
  [ -x "$AIPERF_BIN" ] || bench_die "--build: $AIPERF_BIN not found (cmake --build $build --target aiperf-cli)"
}
bench_need_mock() {
  [ -x "$MOCK_BIN" ] || bench_die "--build: $MOCK_BIN not found (cmake --build <build> --target aiperf-mock-server)"
}

# Waits until a file exists and is non-empty (a server's --port-file), at most $2 seconds.
bench_wait_file() {
  local f=$1 limit=${2:-10} i=0
  while [ ! -s "$f" ]; do
    i=$((i + 1))
    [ $i -gt $((limit * 20)) ] && return 1
    sleep 0.05
  done
}

# Waits until something accepts TCP connections on 127.0.0.1:$1, at most $2 seconds.
bench_wait_port() {
  python3 - "$1" "${2:-10}" <<'PY'
import socket, sys, time
port, limit = int(sys.argv[1]), float(sys.argv[2])
end = time.monotonic() + limit
while time.monotonic() < end:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}

# Builds the floor program $1 (path under benchmarks/floors, without .cpp) into $2 with g++ -O2.
bench_build_floor() {
  local name=$1 out=$2
  local src=$BENCH_DIR/floors/$name.cpp
  if [ ! -x "$out" ] || [ "$src" -nt "$out" ]; then
    g++ -O2 -std=c++20 -o "$out" "$src" || bench_die "building $src failed"
  fi
}

# One line on how busy the machine was: on a shared VM other people's builds share the cores,
# and this line tells a reader whether a figure was taken on a quiet machine.
bench_machine_note() {
  python3 - "$1" <<'PY'
import sys, time
def busy():
    f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    idle = f[3] + f[4]
    return sum(f) - idle, sum(f)
b0, t0 = busy(); time.sleep(0.5); b1, t1 = busy()
load = open("/proc/loadavg").read().split()[0]
print(f"machine {sys.argv[1]}: load average {load}, all cores {100.0 * (b1 - b0) / max(t1 - t0, 1):.0f}% busy over 0.5 s")
PY
}

# Busy CPU-seconds of the whole machine so far: user + nice + system of /proc/stat, all cores.
# irq/softirq are left out: loopback TCP work done in softirq is charged to no process (about a
# third of a core under load), so it would read as "someone else".  Over a measured step, this
# minus the step's own CPU is what everybody else ran meanwhile.
bench_busy_seconds() {
  python3 -c 'import os
f = [int(x) for x in open("/proc/stat").readline().split()[1:4]]
print(sum(f) / os.sysconf("SC_CLK_TCK"))'
}
