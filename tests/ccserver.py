"""A real HTTP server on 127.0.0.1 laid out like Common Crawl's CC-NEWS endpoint, for the
ccnews and remote-WARC tests: files served from memory, byte ranges on or off, and connections
cut midway on request.

``files`` maps a path (``/crawl-data/CC-NEWS/2024/07/warc.paths.gz``) to its bytes. With
``ranges`` a ``Range: bytes=N-`` request is answered 206 from byte N; without, every answer is
the whole file (200). ``cut`` maps a path to byte counts: each of the next responses for that
path stops after that many bytes and the connection is closed (one count used per response).
``requests`` records (path, Range header) of every request, in order. ``misplaced`` sends 206
answers from a byte other than the one asked for (a broken proxy), saying so in Content-Range.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from newsextract.fetch import FetchConfig

# Fast and single-try enough for tests; the guard stays as it is by default (off).
CONFIG = FetchConfig(per_host_delay=0.0, backoff_base=0.01, max_attempts=3, read_timeout=5.0)


@dataclass
class Site:
    files: dict[str, bytes] = field(default_factory=dict)
    ranges: bool = True
    cut: dict[str, list[int]] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    misplaced: int = 0
    base: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def listing(self, year: int, month: int, names: list[str]) -> None:
        """A month's ``warc.paths.gz`` naming ``names`` (file names, in that month's folder)."""
        folder = f"crawl-data/CC-NEWS/{year:04d}/{month:02d}"
        text = "".join(f"{folder}/{name}\n" for name in names)
        self.files[f"/{folder}/warc.paths.gz"] = gzip.compress(text.encode())


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            asked = self.headers.get("Range")
            with site.lock:
                site.requests.append((self.path, asked))
                cuts = site.cut.get(self.path)
                cut = cuts.pop(0) if cuts else None
            body = site.files.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            start = 0
            if asked and site.ranges and asked.startswith("bytes=") and asked.endswith("-"):
                start = int(asked[len("bytes=") : -1])
            if start >= len(body) > 0:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(body)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if start:
                start = max(0, start - site.misplaced)
            part = body[start:]
            self.send_response(206 if start else 200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(part)))
            if site.ranges:
                self.send_header("Accept-Ranges", "bytes")
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            self.end_headers()
            if cut is not None:
                self.wfile.write(part[:cut])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)  # the connection drops midway
                return
            self.wfile.write(part)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client gone midway (a test that stops reading, a killed batch) is no error here


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    server = _Server(("127.0.0.1", 0), _handler(site))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
