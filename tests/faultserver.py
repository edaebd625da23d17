"""A real HTTP server on 127.0.0.1 that misbehaves on request, for fetcher tests.

Paths: /ok, /slow-headers, /slow-body, /reset, /429-once, /503-once, /loop, /to-file, /bomb,
/big, /image, /bad-charset, /gone, /private/x (disallowed by robots.txt), /redirect-ok; hostile:
/503-overflow (a Retry-After date whose offset overflows), /to-port-65536, /to-broken-ipv6,
/cookies (100 new cookies per response), /gzip-members (a body of two gzip members),
/smuggle (a short Content-Length followed by bytes that look like a second response).
Counters per path let a test see how many attempts arrived; ``cookie_bytes`` holds the size of
the Cookie header of each request to /cookies.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from newsextract.fetch import FetchConfig

ARTICLE = (
    "<html><head><title>t</title></head><body><article><h1>Fault server article</h1>"
    + "<p>This paragraph is long enough to be article text, with commas, and more words.</p>" * 5
    + "</article></body></html>"
).encode()
BOMB = gzip.compress(b"\0" * (200 * 1024 * 1024), compresslevel=9)  # 200 MB of zeros in ~200 KB


SMUGGLED = b"<html><body><h1>Smuggled</h1><p>Another response's body.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: Counter[str] = Counter()
    cookie_bytes: list[int] = []

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(
        self,
        status: int,
        body: bytes = b"",
        ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 - one branch per fault
        path = self.path
        Handler.hits[path] += 1
        n = Handler.hits[path]
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path == "/ok":
            self._send(200, ARTICLE)
        elif path == "/slow-headers":
            time.sleep(2)
            self._send(200, ARTICLE)
        elif path == "/slow-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(ARTICLE)))
            self.end_headers()
            self.wfile.write(ARTICLE[:50])
            self.wfile.flush()
            time.sleep(2)
            self.wfile.write(ARTICLE[50:])
        elif path == "/reset":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(ARTICLE) * 10))
            self.end_headers()
            self.wfile.write(ARTICLE[:100])
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.rfile.close()
            self.wfile.close()
            self.connection.close()  # linger 0: the kernel answers with RST, mid-body
        elif path == "/429-once":
            if n == 1:
                self._send(429, b"slow down", headers={"Retry-After": "1"})
            else:
                self._send(200, ARTICLE)
        elif path == "/429-long":
            self._send(429, b"come back tomorrow", headers={"Retry-After": "86400"})
        elif path == "/503-once":
            self._send(503, b"busy") if n == 1 else self._send(200, ARTICLE)
        elif path == "/503-always":
            self._send(503, b"busy")
        elif path == "/loop":
            self._send(302, headers={"Location": "/loop"})
        elif path == "/to-file":
            self._send(302, headers={"Location": "file:///etc/passwd"})
        elif path == "/redirect-ok":
            self._send(301, headers={"Location": "/ok"})
        elif path == "/bomb":
            self._send(200, BOMB, headers={"Content-Encoding": "gzip"})
        elif path == "/big":
            size = 50 * 1024 * 1024
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                for _ in range(size // len(chunk) + 1):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its limit, as it should
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
        elif path == "/bad-charset":
            self._send(200, ARTICLE, "text/html; charset=no-such-charset")
        elif path == "/gone":
            self._send(404, b"not here")
        elif path.startswith("/private/"):
            self._send(200, ARTICLE)
        elif path == "/503-overflow":
            self._send(
                503, b"busy", headers={"Retry-After": "Fri, 12 Jul 2024 19:50:00 +9999999999999999999"}
            )
        elif path == "/to-port-65536":
            self._send(302, headers={"Location": f"http://127.0.0.1:65536{path}"})
        elif path == "/to-broken-ipv6":
            self._send(302, headers={"Location": "http://[::1"})
        elif path == "/cookies":
            Handler.cookie_bytes.append(len(self.headers.get("Cookie", "")))
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(ARTICLE)))
            for i in range(100):
                self.send_header("Set-Cookie", f"c{n}x{i}={'v' * 20}; Path=/")
            self.end_headers()
            self.wfile.write(ARTICLE)
        elif path == "/gzip-members":
            half = len(ARTICLE) // 2
            self._send(
                200,
                gzip.compress(ARTICLE[:half]) + gzip.compress(ARTICLE[half:]),
                headers={"Content-Encoding": "gzip"},
            )
        elif path == "/smuggle":
            second = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (
                len(SMUGGLED),
                SMUGGLED,
            )
            first = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nshort"
            self.wfile.write(first + second)  # one write: the client reads both in one go
        else:
            self._send(404, b"unknown")


class FaultServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        Handler.hits = Counter()
        Handler.cookie_bytes = []
        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def hits(self) -> Counter[str]:
        return Handler.hits

    @property
    def cookie_bytes(self) -> list[int]:
        return Handler.cookie_bytes

    def __enter__(self) -> FaultServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def fast_config(**changes: Any) -> FetchConfig:
    """A FetchConfig for tests against this server: short timeouts, quick retries, no delay."""
    settings: dict[str, Any] = {
        "read_timeout": 0.5,
        "connect_timeout": 1.0,
        "max_attempts": 3,
        "backoff_base": 0.01,
        "backoff_max": 0.05,
        "per_host_delay": 0.0,
        "total_timeout": 20.0,
    }
    return FetchConfig(**{**settings, **changes})
