#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SIGINT and SIGTERM mid-run: aiperf stops issuing, drains what is in flight, writes every
# artifact with was_cancelled: true, and exits 0 (users-and-conventions B6).
# usage: sigint_drain.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
start_mock "$build" --ttft 20 --itl 5
for sig in INT TERM; do
  art="$work/art-$sig"
  "$build/apps/aiperf/aiperf" profile --model m --url "http://127.0.0.1:$MOCK_PORT" --endpoint-type chat \
    --streaming --concurrency 4 --request-count 100000 --isl 32 --osl 50 --tokenizer builtin \
    --artifact-dir "$art" --random-seed 1 >"$work/out-$sig.txt" 2>&1 &
  pid=$!
  # Wait until requests are completing (the JSONL is streamed), then signal once.
  for _ in $(seq 1 100); do
    [ -s "$art/profile_export.jsonl" ] && break
    sleep 0.1
  done
  kill -"$sig" "$pid"
  set +e
  wait "$pid"
  rc=$?
  set -e
  [ "$rc" -eq 0 ] || { echo "SIG$sig: exit code $rc"; cat "$work/out-$sig.txt"; exit 1; }
  "$PY" - "$art" "$sig" <<'PY'
import json, os, sys
art, sig = sys.argv[1], sys.argv[2]
s = json.load(open(os.path.join(art, "profile_export_aiperf.json")))
assert s["was_cancelled"] is True, "was_cancelled is not true"
n = s["request_count"]["avg"]
assert 0 < n < 100000, f"request_count {n}"
lines = [json.loads(l) for l in open(os.path.join(art, "profile_export.jsonl"))]
ok = [l for l in lines if "error" not in l]
assert len(ok) == n, f"{len(ok)} JSONL successes vs request_count {n}"
# Drained, not cut: every request that was in flight finished (no cancellation errors).
assert all(not l["metadata"]["was_cancelled"] for l in lines), "a request was cancelled instead of drained"
assert os.path.isfile(os.path.join(art, "profile_export_aiperf.csv"))
print(f"SIG{sig}: {n} requests, drained, was_cancelled true")
PY
  grep -q "cancelled early" "$work/out-$sig.txt"
done
echo "sigint_drain: OK"
