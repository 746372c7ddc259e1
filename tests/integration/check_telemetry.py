#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks the telemetry outputs of one run against aiperf-mock-server's known values
(tests/integration/telemetry.sh): argv = artifact dir, console log, mock base URL, request count."""
import csv
import json
import math
import sys

out, log, base, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
fail = []


def check(cond, what):
    if not cond:
        fail.append(what)


def close(a, b, what):
    check(a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), f"{what}: {a} != {b}")


# ---- server metrics -------------------------------------------------------------------------
sm = json.load(open(f"{out}/server_metrics_export.json"))
target = f"{base}/metrics"
check(sm["schema_version"] == "1.0", "server metrics schema_version")
check(sm["summary"]["endpoints_configured"] == [target], f"endpoints_configured {sm['summary']['endpoints_configured']}")
check(sm["summary"]["endpoints_successful"] == [target], "endpoints_successful")
info = sm["summary"]["endpoint_info"][target]
check(info["total_fetches"] >= 2, f"total_fetches {info['total_fetches']}")
m = sm["metrics"]
succ = m["vllm:request_success"]
check(succ["type"] == "counter" and succ["unit"] == "requests", f"request_success type/unit {succ['type']} {succ.get('unit')}")
total = sum(s["stats"]["total"] for s in succ["series"])
check(total == n, f"request_success total {total} != {n}")
e2e = m["vllm:e2e_request_latency_seconds"]
check(e2e["type"] == "histogram" and e2e["unit"] == "seconds", "e2e type/unit")
s = e2e["series"][0]
check(s["labels"] == {"model_name": "mock-model"}, f"e2e labels {s['labels']}")
check(s["stats"]["count"] == n, f"e2e count {s['stats']['count']}")
check(s["buckets"]["+Inf"] == n, f"e2e +Inf bucket {s['buckets']['+Inf']}")
check(s["stats"]["p50_estimate"] <= s["stats"]["p99_estimate"], "e2e estimates ordered")
close(s["stats"]["avg"], s["stats"]["sum"] / n, "e2e avg")
wait = m["vllm:num_requests_waiting"]["series"][0]["stats"]
check(m["vllm:num_requests_waiting"]["type"] == "gauge", "waiting type")
check(all(wait[k] == 0 for k in ("avg", "min", "max", "std", "p50", "p99")), f"waiting stats {wait}")
gen = m["vllm:generation_tokens"]["series"][0]["stats"]
check(gen["total"] == n * 8, f"generation tokens {gen['total']} != {n * 8}")

rows = list(csv.reader(open(f"{out}/server_metrics_export.csv", newline="")))
check(rows[0] == ["# AIPerf Server Metrics Export (CSV)"], f"csv first line {rows[0]}")
headers = [r for r in rows if r and r[0] == "Endpoint"]
check([h[4] for h in headers][:3] == ["avg", "total", "count"], f"csv sections {[h[:5] for h in headers]}")
counter_header = next(h for h in headers if h[4] == "total")
i0 = rows.index(counter_header)
succ_rows = [r for r in rows[i0 + 1:] if len(r) > 2 and r[2] == "vllm:request_success"]
check(sum(float(r[4]) for r in succ_rows) == n, f"csv request_success {succ_rows}")

lines = [json.loads(l) for l in open(f"{out}/server_metrics_export.jsonl")]
check(len(lines) == info["total_fetches"], f"jsonl lines {len(lines)} != fetches {info['total_fetches']}")
check(all(set(l) >= {"endpoint_url", "timestamp_ns", "endpoint_latency_ns", "metrics", "request_sent_ns", "first_byte_ns"}
          for l in lines), "jsonl fields")
last = lines[-1]["metrics"]["vllm:e2e_request_latency_seconds"][0]
check(last["count"] >= n and last["buckets"]["+Inf"] == last["count"], f"jsonl histogram {last}")

# ---- GPU telemetry --------------------------------------------------------------------------
dcgm = f"{base}/dcgm/metrics"
td = json.load(open(f"{out}/profile_export_aiperf.json"))["telemetry_data"]
check(td["summary"]["endpoints_configured"] == ["http://localhost:9400/metrics", "http://localhost:9401/metrics", dcgm],
      f"gpu endpoints_configured {td['summary']['endpoints_configured']}")
check(td["summary"]["endpoints_successful"] == [dcgm], "gpu endpoints_successful")
key = dcgm.split("//")[1].split("/")[0]
gpus = td["endpoints"][key]["gpus"]
check(sorted(gpus) == ["gpu_0", "gpu_1"], f"gpus {sorted(gpus)}")
want = {"gpu_0": {"nvidia_power_usage": 250.5, "nvidia_gpu_utilization": 42, "nvidia_memory_utilization": 17,
                  "nvidia_memory_used": 40960 * 1.048576e-3, "nvidia_temperature": 55, "nvidia_sm_utilization": 50},
        "gpu_1": {"nvidia_power_usage": 300.25, "nvidia_gpu_utilization": 84, "nvidia_memory_utilization": 34,
                  "nvidia_memory_used": 20480 * 1.048576e-3, "nvidia_temperature": 61, "nvidia_sm_utilization": 25}}
for g, fields in want.items():
    gm = gpus[g]["metrics"]
    check(gpus[g]["gpu_uuid"].endswith("00000" + g[-1]) and gpus[g]["gpu_name"] == "aiperf mock GPU", f"{g} identity")
    for f, v in fields.items():
        for stat in ("avg", "min", "max", "p50", "p99"):
            close(gm[f][stat], v, f"{g} {f} {stat}")
        check(gm[f]["std"] == 0 and gm[f]["count"] >= 1, f"{g} {f} std/count {gm[f]}")
    check(gm["nvidia_power_usage"]["unit"] == "W" and gm["nvidia_memory_used"]["unit"] == "GB", f"{g} units")
close(gpus["gpu_0"]["metrics"]["nvidia_energy_consumption"]["avg"], n * 1e-3, "gpu_0 energy (MJ)")
close(gpus["gpu_1"]["metrics"]["nvidia_energy_consumption"]["avg"], n * 2e-3, "gpu_1 energy (MJ)")
check(set(gpus["gpu_0"]["metrics"]["nvidia_energy_consumption"]) == {"avg", "unit"}, "counter has avg only")

text = open(f"{out}/profile_export_aiperf.csv", newline="").read()
gpu_csv = text[text.index("Endpoint,GPU_Index"):]
grow = list(csv.DictReader(gpu_csv.splitlines()))
power0 = next(r for r in grow if r["GPU_Index"] == "0" and r["Metric"] == "NVIDIA GPU Power Usage (W)")
check(power0["avg"] == "250.50" and power0["p99"] == "250.50" and power0["Hostname"] == "aiperf-mock-server", f"csv power {power0}")
mem1 = next(r for r in grow if r["GPU_Index"] == "1" and r["Metric"] == "NVIDIA GPU Memory Used (GB)")
check(mem1["avg"] == "21.47", f"csv memory {mem1}")

recs = [json.loads(l) for l in open(f"{out}/gpu_telemetry_export.jsonl")]
check(len(recs) >= 4 and len(recs) % 2 == 0, f"gpu jsonl records {len(recs)}")
r1 = next(r for r in recs if r["gpu_index"] == 1)
check(r1["dcgm_url"] == dcgm and r1["pci_bus_id"] == "00000000:02:00.0" and r1["device"] == "nvidia1", f"jsonl meta {r1}")
close(r1["telemetry_data"]["nvidia_power_usage"], 300.25, "jsonl power")
close(r1["telemetry_data"]["nvidia_sm_utilization"], 25, "jsonl sm")

console = open(log).read()
check("1/3 telemetry sources reachable" in console, "console reachability line")
check(f"{key} | GPU 1 | aiperf mock GPU" in console, "console GPU table title")
check("NVIDIA GPU Power Usage (W)" in console and "300.25" in console, "console power row")

if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print("telemetry outputs OK")
