#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that the user metrics of examples/custom_metric.cpp are in all four artifacts.

usage: check_custom_metric_artifacts.py CONSOLE_TXT ARTIFACT_DIR REQUESTS
"""
import csv
import json
import pathlib
import sys

# tag -> (console/CSV label, unit)
METRICS = {
    "tokens_per_chunk": ("Tokens Per Chunk (tokens)", "tokens"),
    "headers_to_first_token": ("Headers to First Token (ms)", "ms"),
}


def fail(msg):
    sys.exit(f"custom metric artifacts: {msg}")


def main():
    console_path, artifact_dir, requests = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
    console = console_path.read_text(encoding="utf-8")
    summary = json.loads((artifact_dir / "profile_export_aiperf.json").read_text(encoding="utf-8"))
    with open(artifact_dir / "profile_export_aiperf.csv", newline="", encoding="utf-8") as f:
        csv_rows = {row[0]: row for row in csv.reader(f) if row}
    lines = (artifact_dir / "profile_export.jsonl").read_text(encoding="utf-8").splitlines()
    if len(lines) != requests:
        fail(f"profile_export.jsonl has {len(lines)} lines, expected {requests}")
    records = [json.loads(line) for line in lines]

    for tag, (label, unit) in METRICS.items():
        # Console: the metric's row in the LLM Metrics table.
        if not any(line.lstrip("│ ").startswith(label) for line in console.splitlines()):
            fail(f"console output has no '{label}' row")
        # JSON: a distribution over every request, in the metric's unit.
        result = summary.get(tag)
        if result is None:
            fail(f"profile_export_aiperf.json has no '{tag}'")
        if result.get("unit") != unit:
            fail(f"profile_export_aiperf.json: {tag}.unit is {result.get('unit')!r}, expected {unit!r}")
        if result.get("count") != requests:
            fail(f"profile_export_aiperf.json: {tag}.count is {result.get('count')!r}, expected {requests}")
        for key in ("avg", "min", "max", "p50", "p99", "std"):
            if not isinstance(result.get(key), (int, float)):
                fail(f"profile_export_aiperf.json: {tag}.{key} is missing")
        # CSV: the metric's row with its statistics.
        row = csv_rows.get(label)
        if row is None:
            fail(f"profile_export_aiperf.csv has no '{label}' row")
        if abs(float(row[1]) - result["avg"]) > 0.0051:  # two decimals
            fail(f"profile_export_aiperf.csv: '{label}' avg {row[1]} differs from the JSON's {result['avg']}")
        # JSONL: every request's line carries the value.
        for i, rec in enumerate(records):
            value = rec.get("metrics", {}).get(tag, {})
            if not isinstance(value.get("value"), (int, float)):
                fail(f"profile_export.jsonl line {i + 1} has no metrics.{tag}.value")
            if value.get("unit") != unit:
                fail(f"profile_export.jsonl line {i + 1}: metrics.{tag}.unit is {value.get('unit')!r}")

    # The mock sends two tokens per chunk: the value is exactly 2 everywhere.
    if summary["tokens_per_chunk"]["min"] != 2 or summary["tokens_per_chunk"]["max"] != 2:
        fail(f"tokens_per_chunk is not 2: {summary['tokens_per_chunk']}")
    print("custom metrics in every artifact: ok")


if __name__ == "__main__":
    main()
