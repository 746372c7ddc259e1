#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Several --url (spec load-generation §8.2): two aiperf-mock-servers on two ports, the second
# given without scheme and with a /v1 path (joined without doubling it).  Each new session goes
# to the next URL (round robin) and keeps it for all its turns:
#   - both servers received requests, each on /v1/chat/completions;
#   - every record's metadata has url_index; ordered by session, the values alternate 0,1,0,1;
#   - a session's turns share one url_index, and each server saw exactly the sessions (by
#     X-Correlation-ID) that the records say went to it.
# usage: multi_url.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
aiperf="$build/apps/aiperf/aiperf"
start_mock "$build" --ttft 2 --itl 1 --request-log "$work/a.jsonl"
port_a=$MOCK_PORT
"$build/apps/mock_server/aiperf-mock-server" --host 127.0.0.1 --port 0 --port-file "$work/b.port" --quiet \
  --ttft 2 --itl 1 --request-log "$work/b.jsonl" >"$work/b.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do [ -s "$work/b.port" ] && break; sleep 0.05; done
port_b=$(cat "$work/b.port")

"$aiperf" profile -m m --tokenizer builtin --url "http://127.0.0.1:$port_a" --url "127.0.0.1:$port_b/v1" \
  --endpoint-type chat --streaming --concurrency 2 --conversation-num 6 --conversation-turn-mean 2 \
  --isl 8 --osl 4 --random-seed 5 --artifact-dir "$work/out" >"$work/out.log" 2>&1 ||
  { cat "$work/out.log"; echo "FAILED: aiperf profile with two --url exited non-zero"; exit 1; }

"$PY" - "$work" <<'PY'
import json, sys
work = sys.argv[1]
fail = []
a = [json.loads(l) for l in open(f"{work}/a.jsonl")]
b = [json.loads(l) for l in open(f"{work}/b.jsonl")]
recs = [json.loads(l) for l in open(f"{work}/out/profile_export.jsonl")]
if not a or not b:
    fail.append(f"server A got {len(a)} requests, server B {len(b)}: both must get some")
if len(a) + len(b) != len(recs):
    fail.append(f"{len(a)}+{len(b)} requests received, {len(recs)} records")
if any(r["path"] != "/v1/chat/completions" for r in a):
    fail.append(f"server A paths: {sorted({r['path'] for r in a})}")
if any(r["path"] != "/v1/chat/completions" for r in b):
    fail.append(f"server B paths: {sorted({r['path'] for r in b})}")
sessions = {}
for r in recs:
    m = r["metadata"]
    if "url_index" not in m:
        fail.append(f"record without url_index: {m}")
        continue
    if "error" in r:
        fail.append(f"error record: {r['error']}")
    sessions.setdefault(m["session_num"], set()).add((m["url_index"], m["x_correlation_id"]))
order = [sorted(sessions[s])[0][0] for s in sorted(sessions)]
if any(len(v) != 1 for v in sessions.values()):
    fail.append(f"a session's turns went to several URLs: {sessions}")
if order != [i % 2 for i in range(len(order))]:
    fail.append(f"url_index by session does not alternate: {order}")
to_a = {cid for v in sessions.values() for (i, cid) in v if i == 0}
to_b = {cid for v in sessions.values() for (i, cid) in v if i == 1}
if {r["x_correlation_id"] for r in a} != to_a or {r["x_correlation_id"] for r in b} != to_b:
    fail.append("the sessions each server saw differ from the records' url_index")
print(f"server A {len(a)} requests, server B {len(b)}; url_index by session {order}")
if fail:
    sys.exit("FAILED:\n  " + "\n  ".join(fail))
PY
