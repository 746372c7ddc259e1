#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# measure.py — runs one load client and measures it the same way for every client (G1).
#
# The client's total CPU comes from wait4() rusage (exact, all threads).  Because total CPU
# also contains start-up (tokenizer load, dataset synthesis) and export work that a peer like
# wrk does not have, a *steady window* is measured as well: every --interval the client's
# utime+stime (/proc/PID/stat) and the server's request counter (nginx stub_status) are
# sampled; the window runs from the first full sampling interval with traffic to the last one,
# so ramp-up and tear-down are excluded and both clients are counted by the same server.
import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")


def proc_cpu_ticks(pid):
    """utime+stime of a process (all threads), in clock ticks; None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            raw = f.read().decode("ascii", "replace")
    except OSError:
        return None
    # The command name may contain spaces and ')': fields start after the last ')'.
    fields = raw[raw.rfind(")") + 2:].split()
    # fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return int(fields[11]) + int(fields[12])


def stub_requests(url):
    """Total requests nginx has served (stub_status line 3, third number)."""
    with urllib.request.urlopen(url, timeout=2) as resp:
        lines = resp.read().decode().splitlines()
    return int(lines[2].split()[2])


def steady_window(samples):
    """Figures over the fully busy sampling intervals (see the file comment), or None."""
    busy = [i for i in range(1, len(samples)) if samples[i][2] > samples[i - 1][2] + 1]
    if len(busy) < 3:
        return None
    # Interval busy[0] may have started mid-way and busy[-1] may end mid-way: drop both.
    a, b = busy[0], busy[-1] - 1
    if b <= a:
        return None
    t0, c0, r0, s0 = samples[a]
    t1, c1, r1, s1 = samples[b]
    # Each stub_status probe is itself one request served by nginx: do not credit the client.
    reqs = (r1 - r0) - (b - a)
    cpu_s = (c1 - c0) / CLK_TCK
    wall = t1 - t0
    return {
        "wall_s": wall,
        "cpu_s": cpu_s,
        "requests": reqs,
        "req_per_s": reqs / wall if wall > 0 else 0.0,
        "req_per_cpu_s": reqs / cpu_s if cpu_s > 0 else 0.0,
        "cpu_util": cpu_s / wall if wall > 0 else 0.0,
        "server_cpu_util": (s1 - s0) / CLK_TCK / wall if wall > 0 else 0.0,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--label", required=True)
    ap.add_argument("--json", required=True, help="where to write the measurements")
    ap.add_argument("--stub-url", help="nginx stub_status URL for the server-side request counter")
    ap.add_argument("--server-pid", type=int, help="server process whose CPU is sampled alongside")
    ap.add_argument("--interval", type=float, default=0.25)
    ap.add_argument("--timeout", type=float, default=600.0,
                    help="kill the client after this many seconds (the run then fails)")
    ap.add_argument("--stdout", help="file receiving the client's stdout+stderr")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    if not cmd:
        ap.error("no client command after --")

    out = open(args.stdout, "wb") if args.stdout else subprocess.DEVNULL
    t_start = time.monotonic()
    child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    samples = []
    timed_out = False
    status = None
    rusage = None
    while True:
        pid, st, ru = os.wait4(child.pid, os.WNOHANG)
        if pid == child.pid:
            status, rusage = st, ru
            break
        now = time.monotonic()
        if now - t_start > args.timeout and not timed_out:
            timed_out = True
            child.send_signal(signal.SIGTERM)
        if args.stub_url:
            ticks = proc_cpu_ticks(child.pid)
            try:
                reqs = stub_requests(args.stub_url)
            except OSError:
                reqs = None
            sticks = proc_cpu_ticks(args.server_pid) if args.server_pid else 0
            if ticks is not None and reqs is not None:
                samples.append((time.monotonic(), ticks, reqs, sticks or 0))
        time.sleep(args.interval)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - t_start
    result = {
        "label": args.label,
        "cmd": cmd,
        "exit_code": child.returncode,
        "timed_out": timed_out,
        "wall_s": wall,
        "cpu_user_s": rusage.ru_utime,
        "cpu_sys_s": rusage.ru_stime,
        "cpu_s": rusage.ru_utime + rusage.ru_stime,
        "max_rss_kib": rusage.ru_maxrss,
        "samples": len(samples),
        "window": steady_window(samples),
    }
    with open(args.json, "w") as f:
        json.dump(result, f, indent=1)
    return 0 if child.returncode == 0 and not timed_out else 1


if __name__ == "__main__":
    sys.exit(main())
