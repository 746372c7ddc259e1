#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A hostile raw-socket HTTP server for the reliability tests: it does exactly what its script
says, byte for byte, and nothing a well-behaved server would add.

    hostile_server.py --port-file FILE [--connections N] [--lifetime S] SCRIPT

It listens on 127.0.0.1 on an ephemeral port (written to FILE once listening), runs SCRIPT on
every accepted connection (each on its own thread) and stops by itself after N connections
have finished (default: unlimited) or S seconds (default 60), whichever comes first.

Step language (one step per line; blank lines and lines starting with `#` are ignored).  A line
`---` starts the script of the next connection: connection i runs script i, the last script
serves every later connection.  TEXT uses Python string escapes (\\r \\n \\t \\xNN \\\\).

    read_request            read one request (head + Content-Length body); ends the connection
                            quietly if the client closed first
    write TEXT              send TEXT
    chunk TEXT              send TEXT as one HTTP chunk: <hex length>\\r\\n TEXT \\r\\n
    last_chunk              send the terminating chunk 0\\r\\n\\r\\n
    sse TEXT                send `data: TEXT\\n\\n` (raw: the response must set the framing)
    sse_chunk TEXT          send `data: TEXT\\n\\n` as one HTTP chunk
    filler N                send N bytes of `x` (no newline): an oversized line or event body
    stall MS                send nothing for MS milliseconds
    trickle MS TEXT         send TEXT one byte at a time, MS milliseconds apart
    repeat N STEP           run STEP (any step above) N times
    shutdown_write          half-close: FIN to the client, reading still possible
    rst                     abortive close: SO_LINGER 0, so the client sees ECONNRESET
    close                   orderly close (also what happens when a script ends)

A send the client refuses (it closed or reset the connection) ends that connection's script
without an error: a hostile server does not care.  The server logs one line per connection to
stderr: its index and the step it ended on.
"""
import argparse
import codecs
import os
import socket
import struct
import sys
import threading
import time


def unescape(text):
    return codecs.decode(text, "unicode_escape").encode("latin-1")


def parse(script_text):
    scripts, current = [], []
    for raw in script_text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line == "---":
            scripts.append(current)
            current = []
            continue
        current.append(line)
    scripts.append(current)
    return scripts


def read_request(conn, buf):
    while True:
        end = buf.find(b"\r\n\r\n")
        if end >= 0:
            length = 0
            for header in buf[:end].split(b"\r\n")[1:]:
                name, _, value = header.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if len(buf) >= end + 4 + length:
                return buf[end + 4 + length:]
        data = conn.recv(65536)
        if not data:
            raise ConnectionError("client closed before its request was complete")
        buf += data


class Connection:
    def __init__(self, conn):
        self.conn = conn
        self.buf = b""

    def run(self, step):
        op, _, arg = step.partition(" ")
        if op == "read_request":
            self.buf = read_request(self.conn, self.buf)
        elif op == "write":
            self.conn.sendall(unescape(arg))
        elif op == "chunk":
            body = unescape(arg)
            self.conn.sendall(b"%x\r\n" % len(body) + body + b"\r\n")
        elif op == "last_chunk":
            self.conn.sendall(b"0\r\n\r\n")
        elif op == "sse":
            self.conn.sendall(b"data: " + unescape(arg) + b"\n\n")
        elif op == "sse_chunk":
            body = b"data: " + unescape(arg) + b"\n\n"
            self.conn.sendall(b"%x\r\n" % len(body) + body + b"\r\n")
        elif op == "filler":
            self.conn.sendall(b"x" * int(arg))
        elif op == "stall":
            time.sleep(int(arg) / 1000.0)
        elif op == "trickle":
            ms, _, text = arg.partition(" ")
            for byte in unescape(text):
                self.conn.sendall(bytes([byte]))
                time.sleep(int(ms) / 1000.0)
        elif op == "repeat":
            count, _, inner = arg.partition(" ")
            for _ in range(int(count)):
                self.run(inner)
        elif op == "shutdown_write":
            self.conn.shutdown(socket.SHUT_WR)
        elif op == "rst":
            self.conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.conn.close()
        elif op == "close":
            self.conn.close()
        else:
            raise ValueError(f"unknown step: {step}")


def serve(conn, index, steps):
    c = Connection(conn)
    last = "(none)"
    try:
        for step in steps:
            last = step
            c.run(step)
        outcome = "done"
    except (ConnectionError, OSError) as e:
        outcome = f"client went away ({e.__class__.__name__})"
    finally:
        try:
            conn.close()
        except OSError:
            pass
    print(f"hostile_server: connection {index}: {outcome} at: {last}", file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--connections", type=int, default=0, help="stop after this many (0: no limit)")
    ap.add_argument("--lifetime", type=float, default=60.0, help="stop after this many seconds")
    ap.add_argument("script")
    args = ap.parse_args()
    with open(args.script) as f:
        scripts = parse(f.read())
    for steps in scripts:  # refuse a bad script up front, not on the first connection
        for step in steps:
            op = step.split(" ", 1)[0]
            if op not in ("read_request", "write", "chunk", "last_chunk", "sse", "sse_chunk", "filler", "stall",
                          "trickle", "repeat", "shutdown_write", "rst", "close"):
                sys.exit(f"hostile_server: unknown step: {step}")

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(listener.getsockname()[1]))
    os.replace(args.port_file + ".tmp", args.port_file)

    deadline = time.monotonic() + args.lifetime
    threads = []
    index = 0
    while time.monotonic() < deadline and (args.connections == 0 or index < args.connections):
        listener.settimeout(max(0.01, min(0.2, deadline - time.monotonic())))
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        conn.settimeout(max(1.0, deadline - time.monotonic()))
        steps = scripts[min(index, len(scripts) - 1)]
        t = threading.Thread(target=serve, args=(conn, index, steps), daemon=True)
        t.start()
        threads.append(t)
        index += 1
    listener.close()
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))


if __name__ == "__main__":
    main()
