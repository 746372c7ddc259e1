#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# rusage_run.py — runs one command and prints its exact CPU time (wait4() rusage: every thread,
# microsecond resolution) and wall time as one line, for the CPU-per-request benchmarks.
#
# usage: rusage_run.py --stdout FILE [--timeout S] -- COMMAND ARGS...
# prints: RUSAGE rc=N wall_s=S cpu_s=S user_s=S sys_s=S
# The command's stdout and stderr go to FILE.  Exit status: the command's (124 on timeout).
import argparse
import os
import subprocess
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stdout", required=True)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command given after --")
    with open(a.stdout, "wb") as out:
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
    rc = 124 if timed_out.is_set() else os.waitstatus_to_exitcode(status)
    print(f"RUSAGE rc={rc} wall_s={wall:.4f} cpu_s={ru.ru_utime + ru.ru_stime:.6f} "
          f"user_s={ru.ru_utime:.6f} sys_s={ru.ru_stime:.6f}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
