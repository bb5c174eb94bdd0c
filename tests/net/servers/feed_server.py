#!/usr/bin/env python3
"""The tests' local HTTP(S) server (content feed, map fetch, http_fetch): good and hostile answers, 127.0.0.1 only.

Routes (NAME is a file under --root):
  /files/NAME         200 with ETag and Last-Modified; 304 when If-None-Match matches; 404 when NAME is absent
  /status/CODE/NAME   that HTTP status (404, 500, ...) with a short body
  /slow/NAME          waits --slow-seconds, then serves NAME (client timeouts are shorter)
  /truncated/NAME     announces more bytes than it sends, then closes the connection
  /huge/NAME          a body of --huge-bytes (larger than the client's cap)
  /chunked/NAME       serves NAME with chunked transfer encoding (no Content-Length: the size is learnt late)
  /redirect?to=URL    302 to URL (relative or absolute, any scheme, host or port: the client must refuse some)
  /redirect-loop/NAME 302 to itself, forever
  /header-bomb/BYTES  200 whose one response header is BYTES long
  /trickle/NAME       serves NAME (no ETag: every request downloads it again) at --trickle-bytes-per-s, in
                      16 KiB pieces: a large feed response arriving slowly, for the frame-time benchmark
  /requests           JSON list of the requests seen so far: [path, If-None-Match, If-Modified-Since]
The port is written to --port-file once listening (port 0 = any free port). With --cert/--key it speaks HTTPS.
It exits by itself after --lifetime seconds, or when its parent (the test) is gone, so that a crashed test
never leaves it running.
"""
import argparse
import email.utils
import hashlib
import http.server
import json
import os
import socketserver
import ssl
import sys
import threading
import time
import urllib.parse

stopping = threading.Event()
requests_seen = []
requests_lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "qmi-test-feed/1"

    def log_message(self, fmt, *args):  # keep test output clean
        pass

    def send_bytes(self, code, body, headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def read_file(self, name):
        root = self.server.root
        path = os.path.realpath(os.path.join(root, name))
        if not path.startswith(os.path.realpath(root) + os.sep) or not os.path.isfile(path):
            return None, None
        with open(path, "rb") as f:
            return f.read(), os.stat(path).st_mtime

    def serve_file(self, name):
        body, mtime = self.read_file(name)
        if body is None:
            self.send_bytes(404, b"not found\n")
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_bytes(200, body, [("Content-Type", "application/json"), ("ETag", etag),
                                    ("Last-Modified", last_modified)])

    def do_GET(self):
        with requests_lock:
            requests_seen.append([self.path, self.headers.get("If-None-Match", ""),
                                  self.headers.get("If-Modified-Since", "")])
        if self.path.startswith("/redirect?"):
            target = urllib.parse.parse_qs(self.path.partition("?")[2]).get("to", [""])[0]
            self.send_bytes(302, b"", [("Location", target)])
            return
        parts = self.path.lstrip("/").split("/", 1)
        mode, rest = parts[0], (parts[1] if len(parts) > 1 else "")
        if mode == "files":
            self.serve_file(rest)
        elif mode == "status":
            code, _, _ = rest.partition("/")
            self.send_bytes(int(code), ("status %s\n" % code).encode())
        elif mode == "slow":
            deadline = time.monotonic() + self.server.slow_seconds
            while time.monotonic() < deadline and not stopping.is_set():
                time.sleep(0.05)
            try:
                self.serve_file(rest)
            except OSError:
                pass  # the client gave up first, as intended
        elif mode == "truncated":
            body, _ = self.read_file(rest)
            body = body or b'{"truncated": true}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) + 1000))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif mode == "huge":
            size = self.server.huge_bytes
            self.send_response(200)
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b" " * 65536
            try:
                sent = 0
                while sent < size and not stopping.is_set():
                    n = min(len(chunk), size - sent)
                    self.wfile.write(chunk[:n])
                    sent += n
            except OSError:
                pass  # the client aborted at its cap, as intended
        elif mode == "trickle":
            body, _ = self.read_file(rest)
            if body is None:
                self.send_bytes(404, b"not found\n")
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            piece = 16384
            pause = piece / max(1.0, self.server.trickle_rate)
            try:
                for at in range(0, len(body), piece):
                    if stopping.is_set():
                        break
                    self.wfile.write(body[at:at + piece])
                    self.wfile.flush()
                    time.sleep(pause)
            except OSError:
                pass  # the client gave up (cancelled)
        elif mode == "chunked":
            body, _ = self.read_file(rest)
            if body is None:
                self.send_bytes(404, b"not found\n")
                return
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for at in range(0, len(body), 1000):
                    piece = body[at:at + 1000]
                    self.wfile.write(b"%x\r\n" % len(piece) + piece + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass  # the client aborted at its cap, as intended
        elif mode == "header-bomb":
            size = int(rest or "0")
            self.send_response(200)
            try:
                # Split in lines of 1000 bytes when asked for less than libcurl's 100 KiB line limit, so that the
                # client's own cap on the total is what must stop it; one giant line otherwise.
                if size < 100 * 1024:
                    for i in range(0, size, 1000):
                        self.send_header("X-Bomb-%d" % i, "a" * min(1000, size - i))
                else:
                    self.send_header("X-Bomb", "a" * size)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            except OSError:
                pass  # the client gave up on the header, as intended
        elif mode == "redirect-loop":
            self.send_bytes(302, b"", [("Location", self.path)])
        elif mode == "requests":
            with requests_lock:
                body = json.dumps(requests_seen).encode()
            self.send_bytes(200, body, [("Content-Type", "application/json")])
        else:
            self.send_bytes(404, b"unknown route\n")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--slow-seconds", type=float, default=20.0)
    ap.add_argument("--huge-bytes", type=int, default=3 * 1024 * 1024)
    ap.add_argument("--lifetime", type=float, default=600.0)
    ap.add_argument("--trickle-bytes-per-s", type=float, default=256 * 1024)
    args = ap.parse_args()

    server = Server(("127.0.0.1", args.port), Handler)
    server.root = args.root
    server.slow_seconds = args.slow_seconds
    server.huge_bytes = args.huge_bytes
    server.trickle_rate = args.trickle_bytes_per_s
    if args.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)

    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)

    # Exit after --lifetime, or as soon as the test that started us is gone (crashed or killed: no destructor
    # ran to stop us), so that no server outlives its test.
    parent = os.getppid()

    def stop_later():
        deadline = time.monotonic() + args.lifetime
        while time.monotonic() < deadline and os.getppid() == parent and not stopping.wait(0.5):
            pass
        stopping.set()
        server.shutdown()

    threading.Thread(target=stop_later, daemon=True).start()

    import signal

    def on_term(*_):
        stopping.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, on_term)
    server.serve_forever(poll_interval=0.1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
