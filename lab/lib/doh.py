#!/usr/bin/env python3
"""The lab's DNS-over-HTTPS front (RFC 8484), python3 standard library only.

POST with a body of type application/dns-message, or GET with ?dns=<base64url without padding>, on the configured
path (default /dns-query), over HTTPS with the given certificate. The DNS message is forwarded as is to an
upstream resolver over UDP (again over TCP if the reply is truncated) and its reply returned as
application/dns-message. Anything else gets a 4xx. One thread per connection; every request is logged to stderr.
"""
import argparse
import base64
import os
import socket
import ssl
import struct
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_MESSAGE = 65535
DNS_MESSAGE = "application/dns-message"


def forward(message, upstream, timeout):
    host, port = upstream
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(message, (host, port))
        while True:
            reply, peer = s.recvfrom(MAX_MESSAGE)
            if peer[0] == host and reply[:2] == message[:2]:
                break
    if len(reply) > 2 and reply[2] & 0x02:  # TC: ask again over TCP
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(struct.pack("!H", len(message)) + message)
            head = _read(s, 2)
            reply = _read(s, struct.unpack("!H", head)[0])
    return reply


def _read(sock, n):
    out = b""
    while len(out) < n:
        chunk = sock.recv(n - len(out))
        if not chunk:
            raise ConnectionError("upstream closed the TCP connection")
        out += chunk
    return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "lab-doh"
    sys_version = ""

    def _answer(self, message):
        if message is None or len(message) < 12:
            return self._fail(400, "not a DNS message")
        try:
            reply = forward(message, self.server.upstream, self.server.upstream_timeout)
        except (OSError, ConnectionError) as e:
            return self._fail(502, "upstream: %s" % e)
        self.send_response(200)
        self.send_header("Content-Type", DNS_MESSAGE)
        self.send_header("Content-Length", str(len(reply)))
        self.send_header("Cache-Control", "max-age=0")
        self.end_headers()
        self.wfile.write(reply)

    def _fail(self, code, text):
        body = (text + "\n").encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        path = self.path.split("?", 1)[0]
        if path != self.server.path:
            return self._fail(404, "no such path")
        if self.headers.get("Content-Type", "").split(";")[0].strip().lower() != DNS_MESSAGE:
            return self._fail(415, "expected Content-Type: " + DNS_MESSAGE)
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._fail(411, "Content-Length required")
        if not 0 < length <= MAX_MESSAGE:
            return self._fail(413, "bad length")
        self._answer(self.rfile.read(length))

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path != self.server.path:
            return self._fail(404, "no such path")
        value = None
        for part in query.split("&"):
            k, _, v = part.partition("=")
            if k == "dns":
                value = v
        if value is None:
            return self._fail(400, "missing dns parameter")
        try:
            message = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        except ValueError:
            return self._fail(400, "dns parameter is not base64url")
        self._answer(message)

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.client_address[0], fmt % args))
        sys.stderr.flush()


class TlsServer(ThreadingHTTPServer):
    """The TLS handshake runs in the connection's own thread, so a client that never speaks blocks nobody."""
    daemon_threads = True
    tls = None

    def finish_request(self, request, client_address):
        request.settimeout(10)
        try:
            request = self.tls.wrap_socket(request, server_side=True)
        except (OSError, ssl.SSLError) as e:
            sys.stderr.write("%s TLS handshake failed: %s\n" % (client_address[0], e))
            return
        super().finish_request(request, client_address)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", required=True)
    ap.add_argument("--port", type=int, default=443)
    ap.add_argument("--path", default="/dns-query")
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--upstream", required=True, help="HOST:PORT of the resolver the messages go to")
    ap.add_argument("--upstream-timeout", type=float, default=2.0)
    ap.add_argument("--pid-file")
    args = ap.parse_args()
    host, _, port = args.upstream.rpartition(":")
    TlsServer.address_family = socket.AF_INET6 if ":" in args.listen else socket.AF_INET
    server = TlsServer((args.listen, args.port), Handler)
    server.path = args.path
    server.upstream = (host, int(port))
    server.upstream_timeout = args.upstream_timeout
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(args.cert, args.key)
    ctx.set_alpn_protocols(["http/1.1"])
    server.tls = ctx
    if args.pid_file:
        with open(args.pid_file, "w") as f:
            f.write("%d\n" % os.getpid())
    sys.stderr.write("lab-doh: https://%s:%d%s -> udp %s\n" % (args.listen, args.port, args.path, args.upstream))
    sys.stderr.flush()
    try:
        server.serve_forever()
    finally:
        if args.pid_file:
            try:
                os.unlink(args.pid_file)
            except OSError:
                pass


if __name__ == "__main__":
    main()
