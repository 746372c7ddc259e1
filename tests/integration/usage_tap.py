#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A recording pass-through proxy for the integration tests (python3 standard library only).

usage: usage_tap.py UPSTREAM_PORT PORT_FILE LOG.jsonl

Listens on a free 127.0.0.1 port (written to PORT_FILE), forwards every request to
127.0.0.1:UPSTREAM_PORT and relays the answer as it arrives (SSE streams chunk by chunk). For
every request it appends one JSON line to LOG.jsonl, *before* the answer's last byte is relayed:
  {"path", "body" (the request JSON), "status", "usage" (the last usage block seen, or null),
   "errors" ([every "error" object the answer carried: the JSON body or any SSE data event]),
   "done" (whether an SSE stream ended with [DONE])}
so a test can join aiperf's records (through inputs.json) with what the server really answered.
"""
import http.client
import http.server
import json
import sys
import threading

HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection"}
upstream_port = int(sys.argv[1])
log_lock = threading.Lock()
log_file = open(sys.argv[3], "a", encoding="utf-8")


def log(entry: dict) -> None:
    with log_lock:
        log_file.write(json.dumps(entry) + "\n")
        log_file.flush()


def scan(payload: str, entry: dict) -> None:
    """Notes the usage and error objects of one JSON document (a body or an SSE data field)."""
    try:
        doc = json.loads(payload)
    except ValueError:
        return
    if not isinstance(doc, dict):
        return
    if doc.get("usage"):
        entry["usage"] = doc["usage"]
    if "error" in doc:
        entry["errors"].append(doc["error"])


class Tap(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def relay(self, method: str) -> None:
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        entry = {"path": self.path, "body": body, "status": None, "usage": None, "errors": [], "done": False}
        up = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=600)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP and k.lower() != "host"}
        up.request(method, self.path, body=raw if n else None, headers=headers)
        resp = up.getresponse()
        entry["status"] = resp.status
        self.send_response_only(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP:
                self.send_header(k, v)
        if "text/event-stream" in (resp.getheader("Content-Type") or ""):
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            pending = b""
            while True:
                data = resp.read1(65536)
                if not data:
                    break
                pending += data
                *events, pending = pending.replace(b"\r\n", b"\n").split(b"\n\n")
                for ev in events:
                    for line in ev.decode("utf-8", "replace").split("\n"):
                        if line.startswith("data:"):
                            value = line[5:].strip()
                            if value == "[DONE]":
                                entry["done"] = True
                            else:
                                scan(value, entry)
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()
            log(entry)
            self.wfile.write(b"0\r\n\r\n")
        else:
            data = resp.read()
            scan(data.decode("utf-8", "replace"), entry)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            log(entry)
            self.wfile.write(data)
        self.wfile.flush()
        up.close()

    def do_POST(self):
        self.relay("POST")

    def do_GET(self):
        self.relay("GET")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tap)
server.daemon_threads = True
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os  # noqa: E402
os.replace(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()
