#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue #12, the client's own limits against aiperf-mock-server:
#   hostile-text  a 503 whose reason phrase and body hold invalid UTF-8, NUL and ESC: every
#                 artifact is valid UTF-8 JSON/CSV, no raw ESC reaches a file or the console;
#   tiny-rate     --request-rate 1e-10 waits (100 years, saturated) instead of sending at t=0;
#   full-disk     RLIMIT_FSIZE with SIGXFSZ ignored (write() fails with EFBIG, as on a full disk):
#                 the report is printed, exit 1 with one line naming each cut file, the JSONL holds
#                 complete lines only, no .tmp is left;
#   flush-timer   a JSONL line appears while the next request is still in flight, and SIGKILL
#                 leaves whole lines;
#   drain-bound   SIGINT against a stalled server ends after --drain-timeout, and says so;
#   grace-label   requests cut by the grace period are labelled so, not "external signal";
#   closed-pipe   stdout and stderr read by a process that quits after one byte (`| head -c1`):
#                 the run is not killed by SIGPIPE, exits 0 and writes every artifact.
# usage: reliability_limits.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
aiperf="$build/apps/aiperf/aiperf"
# ONLY=<section> runs one section (to check a section against an older binary).
want() { [ "${ONLY:-all}" = all ] || [ "$ONLY" = "$1" ]; }
common=(profile --model m --endpoint-type chat --tokenizer builtin --isl 8 --osl 4 --random-seed 1 --workers 1)

# ---- hostile-text ----------------------------------------------------------------------------
if want hostile-text; then
start_mock "$build" --fault status=503,hostile-text --fault-rate 1
set +e
"$aiperf" "${common[@]}" --url "http://127.0.0.1:$MOCK_PORT" --concurrency 2 --request-count 4 \
  --artifact-dir "$work/hostile" >"$work/hostile.out" 2>&1
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "hostile-text: exit $rc (every request failed: expected 1)"; cat "$work/hostile.out"; exit 1; }
"$PY" - "$work/hostile" "$work/hostile.out" <<'PY'
import csv, io, json, os, sys
art, out = sys.argv[1], sys.argv[2]
for name in os.listdir(art):
    path = os.path.join(art, name)
    if os.path.isfile(path):
        data = open(path, "rb").read()
        data.decode("utf-8")  # strict: raises on any invalid byte
        assert b"\x1b" not in data and b"\x00" not in data, f"raw ESC/NUL in {name}"
summary = json.load(open(os.path.join(art, "profile_export_aiperf.json"), encoding="utf-8"))
(err,) = summary["error_summary"]
details = err["error_details"]
assert details["code"] == 503, details
assert details["type"] == "Bad \ufffd\ufffd Reason", details["type"]
msg = details["message"]
# The server's text survives, escaped by JSON, with U+FFFD for each invalid subpart.
assert "ESC[\x1b[31mred\x1b[0m]" in msg and "NUL[\x00]" in msg, msg
assert msg.startswith("hostile \ufffd\ufffd bytes \ufffd\ufffd overlong \ufffd\ufffd\ufffd surrogate"), msg
assert msg.endswith("truncated \ufffd"), msg
lines = [json.loads(l) for l in open(os.path.join(art, "profile_export.jsonl"), encoding="utf-8")]
assert len(lines) == 4 and all(l["error"]["message"] == msg for l in lines)
list(csv.reader(io.StringIO(open(os.path.join(art, "profile_export_aiperf.csv"), encoding="utf-8").read())))
console = open(out, "rb").read()
assert b"\x1b" not in console, "raw ESC on the console"
console.decode("utf-8")
assert b"\\x1b[31mred" in console, "the console does not show the ESC escaped"
print("hostile-text: artifacts valid UTF-8, server text kept escaped, console has no raw ESC")
PY
fi

# ---- grace-label and tiny-rate (a slow server) ------------------------------------------------
if want grace-and-rate; then
rm -f "$work/mock.port"
start_mock "$build" --ttft 20000
set +e
"$aiperf" "${common[@]}" --url "http://127.0.0.1:$MOCK_PORT" --concurrency 2 --benchmark-duration 0.5 \
  --benchmark-grace-period 0 --artifact-dir "$work/grace" >"$work/grace.out" 2>&1
"$aiperf" "${common[@]}" --url "http://127.0.0.1:$MOCK_PORT" --request-rate 1e-10 --benchmark-duration 1 \
  --benchmark-grace-period 0 --artifact-dir "$work/rate" >"$work/rate.out" 2>&1
set -e
"$PY" - "$work/grace/profile_export.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 2, f"{len(lines)} records (two requests were in flight)"
for l in lines:
    m = l["error"]["message"]
    assert "grace period" in m and "external signal" not in m, m
print("grace-label:", lines[0]["error"]["message"])
PY
n=0
[ -f "$work/rate/profile_export.jsonl" ] && n=$(wc -l <"$work/rate/profile_export.jsonl")
[ "$n" -eq 0 ] || { echo "tiny-rate: $n requests sent in 1 s at 1e-10 req/s"; cat "$work/rate.out"; exit 1; }
echo "tiny-rate: 0 requests in 1 s at --request-rate 1e-10"
fi

# ---- drain-bound --------------------------------------------------------------------------------
if want drain-bound; then
"$aiperf" "${common[@]}" --url "http://127.0.0.1:$MOCK_PORT" --concurrency 2 --request-count 4 --drain-timeout 1 \
  --artifact-dir "$work/drain" >"$work/drain.out" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
  grep -q "PROFILING" "$work/drain.out" && break
  sleep 0.05
done
sleep 0.5
kill -INT "$pid"
set +e
timeout 120 tail --pid="$pid" -f /dev/null  # the mock would answer after 20 s: the bound must end it first
wait "$pid"
set -e
grep -q "Drain bound reached (--drain-timeout 1 s)" "$work/drain.out" ||
  { echo "drain-bound: no drain-bound line"; cat "$work/drain.out"; exit 1; }
grep -q "draining in-flight ones for up to 1 s" "$work/drain.out"
"$PY" - "$work/drain/profile_export.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 2 and all(l["error"]["code"] == 499 for l in lines), lines
print("drain-bound: 2 in-flight requests cancelled by the bound")
PY
fi

# ---- flush-timer --------------------------------------------------------------------------------
if want flush-timer; then
# Two requests finish together after 3 s, the third 3 s later.  The JSONL used to flush only when
# a record arrived 200 ms after the last flush: the first line went out, the second waited for
# the third record, so the file went from 1 line to 3.  Seeing exactly 2 proves the timer.
rm -f "$work/mock.port"
start_mock "$build" --ttft 3000
"$aiperf" "${common[@]}" --url "http://127.0.0.1:$MOCK_PORT" --concurrency 2 --request-count 3 \
  --artifact-dir "$work/flush" >"$work/flush.out" 2>&1 &
pid=$!
jsonl="$work/flush/profile_export.jsonl"
seen=0
for _ in $(seq 1 600); do  # generous: up to 30 s
  [ -f "$jsonl" ] && seen=$(wc -l <"$jsonl")
  [ "$seen" -ge 2 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
alive=0
kill -0 "$pid" 2>/dev/null && alive=1
kill -KILL "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
[ "$alive" -eq 1 ] && [ "$seen" -eq 2 ] ||
  { echo "flush-timer: saw $seen line(s), run alive=$alive: the JSONL waited for the next record"; exit 1; }
"$PY" - "$jsonl" <<'PY'
import json, sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\n"), "partial last line after SIGKILL"
assert all(json.loads(l) for l in data.splitlines())
print("flush-timer: 2 complete lines while the third request was in flight; whole lines after SIGKILL")
PY
fi

# ---- full-disk ------------------------------------------------------------------------------------
if want full-disk; then
rm -f "$work/mock.port"
start_mock "$build"
set +e
# The report goes through a pipe: the size limit is the artifacts' alone, not the captured output's.
(trap '' XFSZ; ulimit -f 8; exec "$aiperf" "${common[@]}" --url "http://127.0.0.1:$MOCK_PORT" --concurrency 2 \
  --request-count 40 --num-dataset-entries 2 --artifact-dir "$work/full" 2>&1) | cat >"$work/full.out"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" -eq 1 ] || { echo "full-disk: exit $rc (expected 1)"; cat "$work/full.out"; exit 1; }
grep -q "Request Latency" "$work/full.out" || { echo "full-disk: no console report"; cat "$work/full.out"; exit 1; }
grep -q "cannot write $work/full/profile_export.jsonl: File too large" "$work/full.out" ||
  { echo "full-disk: no line naming the JSONL"; cat "$work/full.out"; exit 1; }
if ls "$work/full" | grep -q '\.tmp$'; then echo "full-disk: .tmp left behind"; ls -la "$work/full"; exit 1; fi
"$PY" - "$work/full/profile_export.jsonl" <<'PY'
import json, sys
data = open(sys.argv[1], "rb").read()
assert data == b"" or data.endswith(b"\n"), "JSONL cut mid-line"
lines = [json.loads(l) for l in data.splitlines()]
assert 0 < len(lines) < 40, len(lines)
print(f"full-disk: report printed, exit 1, JSONL holds {len(lines)} complete records")
PY
fi

if want closed-pipe; then
start_mock "$build" --ttft 1 --itl 1
set +e
"$aiperf" "${common[@]}" --url "http://127.0.0.1:$MOCK_PORT" --request-count 20 --concurrency 2 \
  --artifact-dir "$work/pipe" 2>&1 | head -c 1 >/dev/null
rc=${PIPESTATUS[0]}
set -e
[ "$rc" -eq 0 ] || { echo "closed-pipe: exit $rc (141 = killed by SIGPIPE)"; exit 1; }
"$PY" - "$work/pipe" <<'PY'
import json, sys, pathlib
d = pathlib.Path(sys.argv[1])
summary = json.loads((d / "profile_export_aiperf.json").read_text())
assert summary["request_count"]["avg"] == 20, summary["request_count"]
assert len((d / "profile_export.jsonl").read_text().splitlines()) == 20
assert (d / "profile_export_aiperf.csv").stat().st_size > 0
print("closed-pipe: exit 0, 20 records and both summaries written")
PY
fi

echo "reliability_limits: OK"
