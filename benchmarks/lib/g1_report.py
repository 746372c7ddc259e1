#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# g1_report.py — G1 figures and the aiperf/wrk ratio from the files g1_request_ceiling.sh left.
# Exit status: 0 when both clients produced successful requests (the pipeline works); timing
# never decides the exit status, the verdict against the bar is printed instead.
import argparse
import glob
import json
import re
import sys


def jsonl_counts(root):
    files = glob.glob(root + "/**/profile_export.jsonl", recursive=True)
    ok = err = 0
    for f in files:
        with open(f) as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                rec = json.loads(line)
                if rec.get("metadata", {}).get("benchmark_phase", "profiling") != "profiling":
                    continue
                if rec.get("error"):
                    err += 1
                else:
                    ok += 1
    return (ok, err) if files else (None, None)


def wrk_counts(log):
    m = re.search(r"WRK_RESULT requests=(\d+) duration_us=(\d+) status_errors=(\d+) socket_errors=(\d+)",
                  open(log).read())
    if not m:
        return None, None
    total, _, st, so = map(int, m.groups())
    return total - st, st + so


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--conns", type=int)
    ap.add_argument("--duration", type=int)
    ap.add_argument("--pinning", default="")
    ap.add_argument("--body-bytes", default="?")
    ap.add_argument("--smoke", action="store_true")
    a = ap.parse_args()

    rows = {}
    problems = []
    for client in ("wrk", "aiperf"):
        tot = {"ok": 0, "err": 0, "wall": 0.0, "cpu": 0.0, "w_req": 0, "w_wall": 0.0, "w_cpu": 0.0,
               "w_srv": 0.0, "windows": 0}
        for i in range(1, a.rounds + 1):
            m = json.load(open(f"{a.tmp}/{client}-{i}.json"))
            if client == "wrk":
                ok, err = wrk_counts(f"{a.tmp}/wrk-{i}.log")
            else:
                ok, err = jsonl_counts(f"{a.tmp}/aiperf-{i}")
            if ok is None:
                problems.append(f"{client} round {i}: no request count found "
                                f"({'WRK_RESULT line' if client == 'wrk' else 'profile_export.jsonl'} missing)")
                continue
            tot["ok"] += ok
            tot["err"] += err
            tot["wall"] += m["wall_s"]
            tot["cpu"] += m["cpu_s"]
            w = m.get("window")
            if w:
                tot["windows"] += 1
                tot["w_req"] += w["requests"]
                tot["w_wall"] += w["wall_s"]
                tot["w_cpu"] += w["cpu_s"]
                tot["w_srv"] += w["server_cpu_util"] * w["wall_s"]
        rows[client] = tot
        if tot["ok"] == 0:
            problems.append(f"{client}: no successful request")
        if tot["err"]:
            problems.append(f"{client}: {tot['err']} failed requests")

    def per(x, y):
        return x / y if y > 0 else float("nan")

    print(f"G1 request ceiling: nginx 1 process, {a.conns} keep-alive connections, {a.duration} s x "
          f"{a.rounds} round(s) per client, POST body {a.body_bytes} B; {a.pinning}")
    print(f"{'client':<8}{'ok reqs':>10}{'errors':>8}{'proc CPU s':>12}{'req/CPU-s':>12}"
          f" | steady window:{'req/s':>10}{'client CPU':>12}{'req/CPU-s':>12}{'nginx CPU':>11}")
    for client, t in rows.items():
        print(f"{client:<8}{t['ok']:>10}{t['err']:>8}{t['cpu']:>12.2f}{per(t['ok'], t['cpu']):>12.0f}"
              f" | {'':>13}{per(t['w_req'], t['w_wall']):>10.0f}{per(t['w_cpu'], t['w_wall']):>11.0%}"
              f" {per(t['w_req'], t['w_cpu']):>11.0f}{per(t['w_srv'], t['w_wall']):>10.0%}")
    w, ai = rows.get("wrk"), rows.get("aiperf")
    whole = per(per(ai["ok"], ai["cpu"]), per(w["ok"], w["cpu"]))
    have_window = w["windows"] == a.rounds and ai["windows"] == a.rounds
    steady = per(per(ai["w_req"], ai["w_cpu"]), per(w["w_req"], w["w_cpu"])) if have_window else float("nan")
    rps = per(per(ai["w_req"], ai["w_wall"]), per(w["w_req"], w["w_wall"])) if have_window else float("nan")
    print(f"ratio aiperf/wrk, req per client CPU-second: steady window {steady:.3f}, whole process {whole:.3f}"
          f" (whole process includes aiperf's start-up and export)")
    print(f"ratio aiperf/wrk, req/s (steady window): {rps:.3f}")
    if a.smoke:
        print("smoke mode: timing not judged")
    else:
        ratio = steady if have_window else whole
        basis = "steady window" if have_window else "whole process (no steady window sampled)"
        verdict = "meets stretch (>= 0.8)" if ratio >= 0.8 else "meets bar (>= 0.6)" if ratio >= 0.6 else "BELOW BAR (< 0.6)"
        print(f"G1 verdict ({basis}): {ratio:.3f} -> {verdict}")
    print(f"G1_RESULT wrk_req_per_cpu_s={per(w['w_req'], w['w_cpu']):.0f} aiperf_req_per_cpu_s={per(ai['w_req'], ai['w_cpu']):.0f} "
          f"ratio_steady={steady:.3f} ratio_whole={whole:.3f} wrk_rps={per(w['w_req'], w['w_wall']):.0f} "
          f"aiperf_rps={per(ai['w_req'], ai['w_wall']):.0f}")
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    fatal = [p for p in problems if "failed requests" not in p]
    return 1 if fatal else 0


if __name__ == "__main__":
    sys.exit(main())
