#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Synthetic context prompts and --seq-dist against aiperf-mock-server, checked on what the server
# received (its --request-log):
#   A. chat, --shared-system-prompt-length 40 --user-context-prompt-length 25 --isl 30: every
#      request is [system, user context, prompt]; one system prompt for all; one user context per
#      dataset entry, always with that entry's prompt; ISL 95 in profile_export.jsonl.
#   B. chat, two turns, --prefix-prompt-pool-size 3 --prefix-prompt-length 16 --seq-dist
#      "24,4:50;40,6:50": each session's first prompt starts with one of at most 3 prefixes, the
#      second prompt does not (it carries the first in its history); ISL and max tokens from one pair.
#   C. completions with --shared-system-prompt-length: only the prompt is sent (spec §8.5), ISL 30.
# Token counts on the wire are checked independently with gpt-tokenizer's o200k_base (npm) when it
# is installed (scripts/install-tokenizers.sh or tests/tokenizer/setup.sh); the rest always runs.
# usage: synthetic_prompts.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
aiperf="$build/apps/aiperf/aiperf"
start_mock "$build" --ttft 1 --itl 1 --request-log "$work/requests.jsonl"
common=(-m m --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT" --concurrency 2)

run() {  # run NAME ARGS...: one profile run, its requests split off the mock's log
  local name=$1; shift
  local before
  before=$(wc -l <"$work/requests.jsonl" 2>/dev/null || echo 0)
  "$aiperf" profile "${common[@]}" --artifact-dir "$work/$name" "$@" >"$work/$name.log" 2>&1 ||
    { cat "$work/$name.log"; echo "FAILED: aiperf profile ($name) exited non-zero"; exit 1; }
  tail -n +"$((before + 1))" "$work/requests.jsonl" >"$work/$name.requests.jsonl"
}
run a --endpoint-type chat --isl 30 --osl 4 --shared-system-prompt-length 40 --user-context-prompt-length 25 \
  --num-dataset-entries 6 --request-count 12 --random-seed 5
run b --endpoint-type chat --streaming --seq-dist "24,4:50;40,6:50" --prefix-prompt-pool-size 3 \
  --prefix-prompt-length 16 --conversation-turn-mean 2 --num-dataset-entries 8 --conversation-num 8 --random-seed 9
run c --endpoint-type completions --isl 30 --osl 4 --shared-system-prompt-length 40 --request-count 4 --random-seed 3

"$PY" - "$work" >"$work/expect.json" <<'PY'
import collections, json, sys
work = sys.argv[1]
fail, expect = [], {"counts": [], "prefixed": []}

def logged(name):  # the benchmark's requests (each has an X-Request-ID), not the reachability probe
    return [s for s in map(json.loads, open(f"{work}/{name}.requests.jsonl")) if s["x_request_id"]]
def requests(name):
    return [json.loads(s["body"]) for s in logged(name)]
def records(name):
    return [json.loads(l) for l in open(f"{work}/{name}/profile_export.jsonl")]
def isl(r):
    return r["metrics"]["input_sequence_length"]["value"]

# A: system, user context, prompt.
a = requests("a")
if len(a) != 12: fail.append(f"A: {len(a)} requests, expected 12")
systems, by_context = set(), collections.defaultdict(set)
for body in a:
    m = body["messages"]
    if [x["role"] for x in m] != ["system", "user", "user"]:
        fail.append(f"A: roles {[x['role'] for x in m]}, expected system, user (context), user (prompt)"); continue
    systems.add(m[0]["content"])
    by_context[m[1]["content"]].add(m[2]["content"])
    expect["counts"] += [[m[0]["content"], 40], [m[1]["content"], 25], [m[2]["content"], 30]]
if len(systems) != 1: fail.append(f"A: {len(systems)} different system prompts, expected one shared by all")
if len(by_context) != 6: fail.append(f"A: {len(by_context)} user contexts, expected one per dataset entry (6)")
if any(len(p) != 1 for p in by_context.values()): fail.append("A: a user context went with different prompts")
if systems & set(by_context): fail.append("A: a user context equals the system prompt")
if sorted(isl(r) for r in records("a")) != [95] * 12: fail.append(f"A: ISL {[isl(r) for r in records('a')]}, expected 95 (40 + 25 + 30)")

# B: two-turn sessions, prefix on the first prompt, (ISL, OSL) pairs from the mixture.
logb = logged("b")
sessions = collections.defaultdict(list)
for s in sorted(logb, key=lambda s: s["recv_ns"]):
    sessions[s["x_correlation_id"]].append(json.loads(s["body"]))
if len(logb) != 16 or len(sessions) != 8 or any(len(t) != 2 for t in sessions.values()):
    fail.append(f"B: {len(logb)} requests in {len(sessions)} sessions, expected 8 sessions of 2 turns")
firsts = set()
for turns in sessions.values():
    if len(turns) != 2: continue
    m0, m1 = turns[0]["messages"], turns[1]["messages"]
    if [x["role"] for x in m0] != ["user"] or [x["role"] for x in m1] != ["user", "assistant", "user"]:
        fail.append(f"B: roles {[x['role'] for x in m0]} / {[x['role'] for x in m1]}"); continue
    if m1[0]["content"] != m0[0]["content"]: fail.append("B: the second turn's history is not the first prompt")
    osl0, osl1 = turns[0]["max_completion_tokens"], turns[1]["max_completion_tokens"]
    if {osl0, osl1} - {4, 6}: fail.append(f"B: max tokens {osl0}, {osl1} not from the mixture (4 or 6)")
    firsts.add(m0[0]["content"][:20])
    expect["prefixed"].append([m0[0]["content"], 16, {4: 24, 6: 40}.get(osl0, -1)])
    expect["counts"].append([m1[2]["content"], {4: 24, 6: 40}.get(osl1, -1)])
if not 1 <= len(firsts) <= 3: fail.append(f"B: first prompts start {len(firsts)} different ways, expected at most 3 prefixes")
seconds = [t[1]["messages"][2]["content"] for t in sessions.values() if len(t) == 2]
if any(p.startswith(f) for p in seconds for f in firsts): fail.append("B: a second-turn prompt starts with a prefix")
sent = {s["x_request_id"]: json.loads(s["body"])["max_completion_tokens"] for s in logb}
for r in records("b"):
    m = r["metadata"]
    want = {4: 24, 6: 40}.get(sent.get(m.get("x_request_id")), -1) + (16 if m["turn_index"] == 0 else 0)
    if isl(r) != want: fail.append(f"B: turn {m['turn_index']} ISL {isl(r)}, expected {want}")

# C: completions sends the prompt only.
c = requests("c")
if len(c) != 4 or any(set(b) - {"prompt", "model", "stream", "max_tokens"} for b in c):
    fail.append(f"C: completions bodies {c}")
expect["counts"] += [[b["prompt"], 30] for b in c]
if [isl(r) for r in records("c")] != [30] * 4: fail.append(f"C: ISL {[isl(r) for r in records('c')]}, expected 30")
if "sends only the prompt" not in open(f"{work}/c.log").read() + open(f"{work}/c/logs/aiperf.log").read():
    fail.append("C: no warning that completions sends no system prompt")

if fail:
    print("FAILED:\n  " + "\n  ".join(fail), file=sys.stderr)
    sys.exit(1)
json.dump(expect, sys.stdout)
PY

cache=${XDG_CACHE_HOME:-$HOME/.cache}/aiperf
gpt=""
for d in "$cache/npm/node_modules/gpt-tokenizer" "$cache/tokenizer-npm/node_modules/gpt-tokenizer"; do
  [ -d "$d" ] && gpt=$d && break
done
if ! command -v node >/dev/null || [ -z "$gpt" ]; then
  echo "synthetic_prompts: wire structure OK; token counts not checked (gpt-tokenizer not installed)"
  exit 0
fi
node - "$gpt" "$work/expect.json" <<'JS'
const [gpt, file] = process.argv.slice(2);
const { encode, decode } = require(`${gpt}/cjs/encoding/o200k_base.js`);
const e = JSON.parse(require('fs').readFileSync(file, 'utf8'));
let bad = 0;
for (const [text, want] of e.counts) {
  const n = encode(text).length;
  if (n !== want) { bad++; console.error(`${n} tokens, expected ${want}: ${text.slice(0, 60)}...`); }
}
const prefixes = new Set();
for (const [text, plen, rest] of e.prefixed) {
  const t = encode(text);
  const prefix = decode(t.slice(0, plen));
  prefixes.add(prefix);
  if (!text.startsWith(prefix) || t.length - plen !== rest) {
    bad++; console.error(`first prompt: ${t.length} tokens, expected ${plen} + ${rest}`);
  }
}
if (prefixes.size > 3) { bad++; console.error(`${prefixes.size} different ${e.prefixed[0][1]}-token prefixes, pool of 3`); }
console.log(`synthetic_prompts: ${e.counts.length + e.prefixed.length} prompts counted by gpt-tokenizer o200k_base, ` +
            `${prefixes.size} prefixes seen, ${bad} wrong`);
process.exit(bad ? 1 : 0);
JS
echo "synthetic_prompts: system, user context, prefix and --seq-dist on the wire: OK"
