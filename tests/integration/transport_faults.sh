#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Transport faults against tests/support/hostile_server.py (issue 12, docs/reliability.md):
# each case is a server script, an aiperf run with its flags, and the error record type (and a
# word of its message) every request must end with.  Every request fails in these cases, so
# the run must also exit non-zero.  A control case checks that a well-formed stream succeeds.
# usage: transport_faults.sh BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh"
build=$1
src=$2
aiperf="$build/apps/aiperf/aiperf"
head_close='write HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n'
head_chunked='write HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n'
tok='{"choices":[{"delta":{"content":"tok "}}]}'

# start_hostile NAME SCRIPT_TEXT -> HOSTILE_PORT
start_hostile() {
  printf '%s\n' "$2" >"$work/$1.script"
  rm -f "$work/$1.port"
  "$PY" "$src/tests/support/hostile_server.py" --port-file "$work/$1.port" --lifetime 60 "$work/$1.script" \
    2>"$work/$1.server.log" &
  pids+=($!)
  for _ in $(seq 1 200); do
    [ -s "$work/$1.port" ] && break
    sleep 0.05
  done
  HOSTILE_PORT=$(cat "$work/$1.port")
}

# run_case NAME EXPECTED_RC ERROR_TYPE MESSAGE_WORD SCRIPT_TEXT [aiperf flags...]
run_case() {
  local name=$1 want_rc=$2 want_type=$3 want_word=$4 script=$5
  shift 5
  start_hostile "$name" "$script"
  local rc=0
  "$aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$HOSTILE_PORT" --endpoint-type chat --streaming \
    --isl 8 --osl 4 --concurrency 1 --request-count 2 --request-timeout-seconds 30 --artifact-dir "$work/$name" \
    "$@" >"$work/$name.log" 2>&1 || rc=$?
  if [ "$rc" != "$want_rc" ]; then
    cat "$work/$name.log" "$work/$name.server.log"
    echo "FAILED: $name: exit code $rc, expected $want_rc"
    exit 1
  fi
  "$PY" - "$work/$name/profile_export.jsonl" "$name" "$want_type" "$want_word" <<'PY' || exit 1
import json, sys
path, name, want_type, want_word = sys.argv[1:]
recs = [json.loads(l) for l in open(path)]
if len(recs) != 2:
    sys.exit(f"FAILED: {name}: {len(recs)} records, expected 2")
for r in recs:
    e = r.get("error")
    if want_type == "none":
        if e:
            sys.exit(f"FAILED: {name}: unexpected error record {e}")
        continue
    if not e or e.get("type") != want_type or want_word not in e.get("message", ""):
        sys.exit(f"FAILED: {name}: error {e}, expected type {want_type} naming '{want_word}'")
print(f"ok: {name}: {recs[0].get('error', {}).get('message', 'success')}")
PY
}

# Item 8: an endless stream of 64 KiB events is cut at --max-response-bytes.
run_case response_cap 1 ResponseTooLargeError "--max-response-bytes" "read_request
$head_chunked
repeat 100000 sse_chunk {\"choices\":[{\"delta\":{\"content\":\"$(printf 'y%.0s' $(seq 1 1000))\"}}]}" \
  --max-response-bytes 1000000

# ... and by the 64 MiB default cap: 1,100 events of 64 KB (72 MB) never make a success.
run_case response_default_cap 1 ResponseTooLargeError "67108864 bytes" "read_request
$head_chunked
repeat 1100 sse_chunk {\"choices\":[{\"delta\":{\"content\":\"$(printf 'w%.0s' $(seq 1 65000))\"}}]}
last_chunk"

# Item 7: a 17 MB event passes the 16 MiB default limit: an error, not a success with it cut off.
run_case sse_event_default_limit 1 SSEEventTooLargeError "16777216 bytes" "read_request
$head_close
sse $tok
write data: {\"choices\":[{\"delta\":{\"content\":\"
filler 17000000
write \"}}]}\n\n
sse [DONE]"

# Item 7: an event larger than --max-sse-event-bytes is an error naming the limit, not a short success.
run_case sse_event_limit 1 SSEEventTooLargeError "--max-sse-event-bytes" "read_request
$head_close
sse $tok
write data: {\"choices\":[{\"delta\":{\"content\":\"
filler 5000
write \"}}]}\n\n
sse [DONE]" --max-sse-event-bytes 4096

# Item 9: a close-delimited stream that ends without [DONE] or finish_reason is truncated.
run_case truncated_close 1 SSEStreamTruncatedError "[DONE]" "read_request
$head_close
sse $tok
sse $tok"

# ... while the same stream with [DONE] (control) or a finish_reason is a success.
run_case close_with_done 0 none "" "read_request
$head_close
sse $tok
sse [DONE]"
run_case close_with_finish_reason 0 none "" "read_request
$head_close
sse $tok
sse {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}"

# Item 9: Transfer-Encoding: gzip, chunked is refused by name, not measured as garbage text.
run_case gzip_chunked 1 ClientPayloadError "Transfer-Encoding: gzip, chunked" "read_request
write HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: gzip, chunked\r\n\r\n
chunk \x1f\x8b\x08\x00\x00\x00\x00\x00
last_chunk"

# Item 9: a lone \ud800 escape keeps the text around it (U+FFFD in its place): before the fix the
# whole content was dropped and the record said "no responses were received".
run_case lone_surrogate 0 none "" "read_request
$head_close
sse {\"choices\":[{\"delta\":{\"content\":\"ab\\\\ud800cd\"}}]}
sse [DONE]"
# Item 4: with no descriptor left for a socket, every record names EMFILE and `ulimit -n` (not
# "Operation aborted"), and the run exits 1.  The smallest `ulimit -n` at which aiperf starts and
# writes its records leaves it none for a connection; it is found by counting up, since the
# number of descriptors the driver needs before the first request is not this test's business.
start_hostile emfile "read_request
$head_close
sse $tok
sse [DONE]"
found=""
for n in $(seq 6 64); do
  rc=0
  (ulimit -n "$n"; exec "$aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$HOSTILE_PORT" \
    --endpoint-type chat --streaming --isl 8 --osl 4 --concurrency 1 --request-count 3 --artifact-dir "$work/emfile$n") \
    >"$work/emfile$n.log" 2>&1 || rc=$?
  [ -s "$work/emfile$n/profile_export.jsonl" ] || continue
  found=$n
  break
done
[ -n "$found" ] || { echo "FAILED: emfile: aiperf never wrote records under ulimit -n 6..64"; exit 1; }
[ "$rc" = 1 ] || { cat "$work/emfile$found.log"; echo "FAILED: emfile: exit code $rc under ulimit -n $found, expected 1"; exit 1; }
"$PY" - "$work/emfile$found/profile_export.jsonl" "$found" <<'PY' || exit 1
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
bad = [r.get("error") for r in recs if not (r.get("error", {}).get("type") == "TooManyOpenFilesError"
       and "EMFILE" in r["error"]["message"] and "ulimit -n" in r["error"]["message"])]
if len(recs) != 3 or bad:
    sys.exit(f"FAILED: emfile: {len(recs)} records under ulimit -n {sys.argv[2]}, not naming EMFILE: {bad[:1]}")
print(f"ok: emfile (ulimit -n {sys.argv[2]}): {recs[0]['error']['message']}")
PY

echo "all transport fault cases passed"
