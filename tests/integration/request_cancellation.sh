#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# --request-cancellation-rate / -delay against aiperf-mock-server: about the asked share of the
# profiling requests (none of the warmup ones) end as RequestCancellationError 499 records,
# each cancelled at least the delay after it was sent, and the server saw the client go away
# (its generation stopped) while the others completed.
# usage: request_cancellation.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
start_mock "$build" --ttft 20 --itl 10
out="$work/out"
"$build/apps/aiperf/aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
  --streaming --isl 16 --osl 20 --concurrency 4 --request-count 40 --warmup-request-count 4 --random-seed 3 \
  --request-cancellation-rate 40 --request-cancellation-delay 0.05 --artifact-dir "$out" >"$work/run.log" 2>&1 ||
  { cat "$work/run.log"; echo "FAILED: aiperf profile exited non-zero"; exit 1; }
"$PY" - "$out" <<'PY'
import json, sys
out = sys.argv[1]
recs = [json.loads(l) for l in open(f"{out}/profile_export.jsonl")]
prof = [r for r in recs if r["metadata"]["benchmark_phase"] == "profiling"]
warm = [r for r in recs if r["metadata"]["benchmark_phase"] == "warmup"]
fail = []
cancelled = [r for r in prof if r["metadata"]["was_cancelled"]]
if len(prof) != 40:
    fail.append(f"{len(prof)} profiling records, expected 40")
if any(r["metadata"]["was_cancelled"] or "error" in r for r in warm):
    fail.append("a warmup request was cancelled")
# 40 draws at 40 %: the binomial's 4-sigma range is [6, 26].
if not 6 <= len(cancelled) <= 26:
    fail.append(f"{len(cancelled)} of 40 cancelled, expected about 16")
for r in cancelled:
    e = r.get("error", {})
    if e.get("code") != 499 or e.get("type") != "RequestCancellationError":
        fail.append(f"cancelled record error {e}")
        break
    secs = float(e["message"].removeprefix("Request cancelled ").removesuffix("s after being sent"))
    held = (r["metadata"]["cancellation_time_ns"] - r["metadata"]["request_start_ns"]) / 1e9
    if secs < 0.050 or held < 0.050:
        fail.append(f"cancelled {secs:.3f} s after being sent ({held:.3f} s after the start), expected >= 0.050")
        break
done = [r for r in prof if not r["metadata"]["was_cancelled"]]
if any("error" in r or r["metrics"]["output_sequence_length"]["value"] != 20 for r in done):
    fail.append("a request that was not cancelled did not complete with its 20 tokens")
summary = json.load(open(f"{out}/profile_export_aiperf.json"))
if summary.get("error_request_count", {}).get("avg") != len(cancelled):
    fail.append(f"error_request_count {summary.get('error_request_count')} != {len(cancelled)} cancelled")
if fail:
    print("FAILED:\n  " + "\n  ".join(fail))
    sys.exit(1)
print(f"request cancellation: {len(cancelled)} of 40 cancelled >= 50 ms after being sent, warmup untouched, rest complete: OK")
PY
