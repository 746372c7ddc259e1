#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# rusage_run.py — runs one command and prints its exact CPU time (wait4() rusage: every thread,
# microsecond resolution) and wall time as one line, for the CPU-per-request benchmarks.
#
# usage: rusage_run.py --stdout FILE [--timeout S] [--server-pid PID] -- COMMAND ARGS...
# prints: RUSAGE rc=N wall_s=S cpu_s=S user_s=S sys_s=S [server_cpu_s=S] others_cores=X
# The command's stdout and stderr go to FILE.  Exit status: the command's (124 on timeout).
# others_cores: the CPU that everything else on the machine used while the command ran (user +
# nice + system of /proc/stat minus the command's and the server's CPU, over the wall time), in
# cores; it says whether the figure was taken on a quiet machine.  Taken right around the command,
# so the scaffolding (this script's own start-up) is not in it.
import argparse
import os
import subprocess
import sys
import threading
import time

TCK = os.sysconf("SC_CLK_TCK")


def machine_busy_s():
    """user + nice + system of all cores (irq/softirq left out: loopback TCP work done there is
    charged to no process, so it would read as someone else)."""
    with open("/proc/stat") as f:
        return sum(int(x) for x in f.readline().split()[1:4]) / TCK


def process_cpu_s(pid):
    """utime + stime of a running process (all threads); 0 when there is none."""
    if pid is None:
        return 0.0
    try:
        with open(f"/proc/{pid}/stat") as f:
            raw = f.read()
        fields = raw[raw.rfind(")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / TCK
    except (OSError, IndexError, ValueError):
        return 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stdout", required=True)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--server-pid", type=int, default=None)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command given after --")
    with open(a.stdout, "wb") as out:
        busy0, server0 = machine_busy_s(), process_cpu_s(a.server_pid)
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        timed_out = threading.Event()

        def kill_on_timeout():  # a hung client must not hang the benchmark
            timed_out.set()
            proc.kill()

        killer = threading.Timer(a.timeout, kill_on_timeout)
        killer.start()
        _, status, ru = os.wait4(proc.pid, 0)
        killer.cancel()
        wall = time.monotonic() - t0
        busy1, server1 = machine_busy_s(), process_cpu_s(a.server_pid)
    rc = 124 if timed_out.is_set() else os.waitstatus_to_exitcode(status)
    cpu = ru.ru_utime + ru.ru_stime
    server = server1 - server0
    others = max(0.0, busy1 - busy0 - cpu - server) / max(wall, 1e-9)
    print(f"RUSAGE rc={rc} wall_s={wall:.4f} cpu_s={cpu:.6f} user_s={ru.ru_utime:.6f} sys_s={ru.ru_stime:.6f}"
          + (f" server_cpu_s={server:.2f}" if a.server_pid is not None else "") + f" others_cores={others:.2f}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
