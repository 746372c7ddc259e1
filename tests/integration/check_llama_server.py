#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks one aiperf run against llama.cpp's llama-server (python3 standard library only).

  * every request is a record: N profiling records, success or error, and the summary agrees;
  * errors are the engine's: each error record carries the message the engine sent, there is exactly
    one per chat-parser failure the engine logged during the run (--engine-log from --log-offset),
    and every other request succeeded (--no-errors: none at all);
  * --tap LOG (usage_tap.py): each record joined with what the server answered to its request body
    (through inputs.json): error records <-> answers with an error, and with --use-server-token-count
    OSL == usage.completion_tokens, ISL == usage.prompt_tokens;
  * --metrics-url/--predicted-before: the OSL sum equals the growth of the engine's own
    llamacpp:tokens_predicted_total counter;
  * --tokenize-url: ISL equals the engine's /tokenize count of the prompt text (its text tokens, plus
    the special tokens --tokenizer-json's post-processor template adds), for --isl-prompts records.
"""
import argparse, collections, json, os, re, sys, time, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--requests", type=int, required=True)
ap.add_argument("--engine-log")
ap.add_argument("--log-offset", type=int, default=0)
ap.add_argument("--no-errors", action="store_true")
ap.add_argument("--no-output", action="store_true", help="an endpoint without output tokens (embeddings)")
ap.add_argument("--tap")
ap.add_argument("--tap-offset", type=int, default=0, help="lines of --tap written before this run")
ap.add_argument("--server-token-count", action="store_true")
ap.add_argument("--metrics-url")
ap.add_argument("--predicted-before", type=float)
ap.add_argument("--tokenize-url")
ap.add_argument("--isl-prompts", type=int, default=8)
ap.add_argument("--tokenizer-json", help="the tokenizer.json aiperf counted with (for its BOS/EOS template)")
a = ap.parse_args()
name = os.path.basename(a.dir.rstrip("/"))


def fail(msg):
    sys.exit(f"check_llama_server [{name}]: {msg}")


def metric(r, tag):
    m = r["metrics"].get(tag)
    return None if m is None else m["value"]


def key(body):
    return json.dumps(body, sort_keys=True)


summary = json.load(open(os.path.join(a.dir, "profile_export_aiperf.json")))
records = [json.loads(l) for l in open(os.path.join(a.dir, "profile_export.jsonl")) if l.strip()]
prof = [r for r in records if r["metadata"].get("benchmark_phase", "profiling") == "profiling"]
ok = [r for r in prof if "error" not in r]
errs = [r for r in prof if "error" in r]
inputs = json.load(open(os.path.join(a.dir, "inputs.json")))
bodies = {c["session_id"]: c["payloads"] for c in inputs["data"]}

# 1. Every request is a record, and the summary counts the same.
if len(prof) != a.requests:
    fail(f"{len(prof)} profiling records, expected one per request ({a.requests})")
got_ok = summary.get("request_count", {}).get("avg", 0)
got_err = summary.get("error_request_count", {}).get("avg", 0)
if (got_ok, got_err) != (len(ok), len(errs)):
    fail(f"summary counts {got_ok} ok + {got_err} errors != records {len(ok)} + {len(errs)}")
for r in ([] if a.no_output else ok):
    if not metric(r, "output_sequence_length"):
        fail(f"successful record without an OSL: {r}")


def body_of(r):
    md = r["metadata"]
    return bodies[md["conversation_id"]][md["turn_index"]]


# 2. Errors are the engine's, one per failure it logged.
def logged_failures():
    with open(a.engine_log, "rb") as f:
        f.seek(a.log_offset)
        text = f.read().decode("utf-8", "replace")
    # common_chat_peg_parse logs this warning once, right before it throws the error the client gets.
    return len(re.findall(r"common_chat_\w*parse: unparsed \S+ output", text))


engine_failures = 0
if a.engine_log:
    for _ in range(30):  # the engine logs from its own thread: give it up to 3 s to catch up
        engine_failures = logged_failures()
        if engine_failures == len(errs):
            break
        time.sleep(0.1)
engine_msg = "The model produced output that does not match the expected"
for r in errs:
    e = r["error"]
    if engine_msg not in e.get("message", ""):
        fail(f"error record without the engine's message: {e}")
    if e.get("code") != 500:
        fail(f"error record code {e.get('code')} != 500 (the engine's error.code): {e}")
if a.engine_log and len(errs) != engine_failures:
    fail(f"{len(errs)} error records != {engine_failures} failures in the engine's log")
if a.no_errors and errs:
    fail(f"{len(errs)} error records in a run that should have none: {errs[0]['error']}")

# 3. Joined with the server's answers through the tap.
if a.tap:
    answers = collections.defaultdict(list)
    for line in open(a.tap).readlines()[a.tap_offset:]:
        t = json.loads(line)
        if t["body"] is not None:
            answers[key(t["body"])].append(t)
    for r in prof:
        got = answers.get(key(body_of(r)))
        if not got:
            fail(f"no answer seen by the tap for {r['metadata']['conversation_id']}")
        t = got.pop(0)
        if "error" in r:
            if not t["errors"]:
                fail(f"error record but the server's answer had no error: {r['error']}")
            if t["errors"][0]["message"] not in r["error"]["message"]:
                fail(f"error message {r['error']['message']!r} lacks the server's {t['errors'][0]['message']!r}")
            continue
        if t["errors"]:
            fail(f"the server answered an error {t['errors']} but the record is a success")
        if a.server_token_count:
            u = t["usage"] or fail(f"no usage in the server's answer to {r['metadata']['conversation_id']}")
            if metric(r, "output_sequence_length") != u["completion_tokens"]:
                fail(f"OSL {metric(r, 'output_sequence_length')} != usage.completion_tokens {u['completion_tokens']}")
            if metric(r, "input_sequence_length") != u["prompt_tokens"]:
                fail(f"ISL {metric(r, 'input_sequence_length')} != usage.prompt_tokens {u['prompt_tokens']}")
    left = sum(len(v) for v in answers.values())
    if left:
        fail(f"{left} answers seen by the tap have no record")

# 4. The OSL sum against the engine's own counter of predicted tokens.
def predicted():
    text = urllib.request.urlopen(a.metrics_url, timeout=10).read().decode()
    m = re.search(r"^llamacpp:tokens_predicted_total\s+(\S+)", text, re.M)
    return float(m.group(1)) if m else fail(f"no llamacpp:tokens_predicted_total in {a.metrics_url}")

osl_sum = sum(metric(r, "output_sequence_length") or 0 for r in ok)
if a.metrics_url:
    for _ in range(20):  # the counter is bumped when a slot is released, right after the answer
        grown = predicted() - a.predicted_before
        if grown == osl_sum:
            break
        time.sleep(0.1)
    if grown != osl_sum:
        fail(f"OSL sum {osl_sum} != growth of llamacpp:tokens_predicted_total {grown}")

# 5. Client-side ISL (the tokenizer.json) against the engine's tokenizer.
def specials_added(path):
    """How many special tokens a tokenizer.json's post-processor adds to one sequence (Llama-3's
    TemplateProcessing: 1, the BOS; a plain ByteLevel post-processor: 0)."""
    if not path:
        return 0
    pp = json.load(open(path)).get("post_processor") or {}
    procs = pp.get("processors", [pp]) if pp.get("type") == "Sequence" else [pp]
    return sum(1 for p in procs if p.get("type") == "TemplateProcessing"
               for piece in p.get("single", []) if "SpecialToken" in piece)


template_specials = specials_added(a.tokenizer_json)
checked_isl = 0
if a.tokenize_url:
    for r in prof[: a.isl_prompts]:
        b = body_of(r)
        text = b["messages"][-1]["content"] if "messages" in b else b["prompt"]
        req = urllib.request.Request(a.tokenize_url, json.dumps({"content": text, "add_special": False}).encode(),
                                     {"Content-Type": "application/json"})
        n = len(json.load(urllib.request.urlopen(req, timeout=10))["tokens"]) + template_specials
        isl = metric(r, "input_sequence_length") if "error" not in r else metric(r, "error_isl")
        if isl != n:
            fail(f"ISL {isl} != the engine's /tokenize count {n} for {text[:60]!r}")
        checked_isl += 1

print(f"check_llama_server [{name}]: OK ({len(prof)} records: {len(ok)} ok, {len(errs)} engine errors"
      f" = {engine_failures} logged; OSL sum {osl_sum}"
      + (" = engine counter growth" if a.metrics_url else "")
      + (f"; {checked_isl} ISLs = /tokenize" if checked_isl else "") + ")")
