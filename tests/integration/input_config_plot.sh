#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# profile_export_aiperf.json's input_config as AIPerf's readers (`aiperf plot`, scripts) read it:
# AIPerf's UserConfig paths, only what was set (plus what AIPerf's validators assign),
# cli_command and benchmark_id in it; and --profile-export-file naming every file from one base.
# usage: input_config_plot.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
start_mock "$build" --ttft 1 --itl 1
out="$work/out"
# No --concurrency and no --request-count: the resolution assigns both, as AIPerf's validators do.
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --streaming --isl 20 --osl 4 --slice-duration 1 --ui none --artifact-dir "$out" >"$work/run.log" 2>&1 ||
  { cat "$work/run.log"; echo "FAILED: aiperf profile exited non-zero"; exit 1; }
# The same run with --profile-export-file: every file from the base "run1", none with "_aiperf".
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --request-count 4 \
  --slice-duration 1 --ui none --artifact-dir "$work/named" --profile-export-file "/elsewhere/run1.json" \
  >"$work/run2.log" 2>&1 || { cat "$work/run2.log"; echo "FAILED: aiperf profile (named) exited non-zero"; exit 1; }
"$PY" - "$out" "$work/named" <<'PY'
import json, os, sys
out, named = sys.argv[1], sys.argv[2]
fail = []
doc = json.load(open(f"{out}/profile_export_aiperf.json"))
ic = doc["input_config"]
# What `aiperf plot` reads (plot/core/data_loader.py).
checks = {
    "endpoint.model_names[0]": ic["endpoint"]["model_names"][0] == "m",
    "endpoint.type": ic["endpoint"]["type"] == "chat",
    "endpoint.streaming": ic["endpoint"]["streaming"] is True,
    "loadgen.concurrency": ic["loadgen"]["concurrency"] == 1,
    "loadgen.request_count": ic["loadgen"]["request_count"] == 10,
    "loadgen.arrival_pattern": ic["loadgen"]["arrival_pattern"] == "concurrency_burst",
    "output.slice_duration": ic["output"]["slice_duration"] == 1.0,
    "output.artifact_directory": ic["output"]["artifact_directory"] == out,
    "tokenizer.name": ic["tokenizer"]["name"] == "builtin",
    "input.prompt.input_tokens.mean": ic["input"]["prompt"]["input_tokens"]["mean"] == 20,
    "input.prompt.output_tokens.mean": ic["input"]["prompt"]["output_tokens"]["mean"] == 4,
    "benchmark_id": ic.get("benchmark_id") == doc["benchmark_id"] and doc["benchmark_id"],
    "cli_command": ic["cli_command"].startswith("aiperf profile -m m "),
}
fail += [f"input_config.{k}" for k, good in checks.items() if not good]
# Only what was set: defaults nobody gave are absent.
for section, key in [("endpoint", "timeout_seconds"), ("endpoint", "model_selection_strategy"), ("input", "extra")]:
    if key in ic.get(section, {}):
        fail.append(f"input_config.{section}.{key} written though never set")
keys = list(ic)
want = ["endpoint", "input", "output", "tokenizer", "loadgen", "cli_command", "benchmark_id"]
if keys[: len(want)] != want:
    fail.append(f"input_config key order {keys}")
ts = json.load(open(f"{out}/profile_export_aiperf_timeslices.json"))
if ts["input_config"] != ic:
    fail.append("the timeslices' input_config differs from the summary's")
want_files = {"run1.json", "run1.csv", "run1.jsonl", "run1_timeslices.json", "run1_timeslices.csv",
              "run1_console.txt", "inputs.json"}
have = set(os.listdir(named))
if not want_files <= have:
    fail.append(f"--profile-export-file run1.json: missing {sorted(want_files - have)} in {sorted(have)}")
if any("_aiperf" in f or f.startswith("profile_export") for f in have):
    fail.append(f"--profile-export-file run1.json: default names left in {sorted(have)}")
if json.load(open(f"{named}/run1.json"))["input_config"]["output"]["profile_export_prefix"] != "/elsewhere/run1.json":
    fail.append("output.profile_export_prefix not echoed as given")
if fail:
    print("FAILED:", *fail, sep="\n  ")
    sys.exit(1)
print("input_config and export names as AIPerf's readers expect")
PY
