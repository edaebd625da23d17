"""The private-address guard at the socket, the per-URL deadline and the robots.txt cap, against
real HTTP servers on 127.0.0.1 started here."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsextract import BlockedError, FetchError
from newsextract.fetch import FetchConfig, Fetcher, _guard

PAGE = (
    "<html><body><article><h1>Guarded page</h1>"
    + "<p>This paragraph is long enough to be article text, with commas, and more words.</p>" * 4
    + "</article></body></html>"
).encode()
QUICK = dict(per_host_delay=0.0, backoff_base=0.01, backoff_max=0.05, connect_timeout=2.0)


class Route:
    """What one path answers: a status, headers and a body, trickled byte by byte or stalled."""

    def __init__(
        self,
        status: int = 200,
        body: bytes = PAGE,
        headers: dict[str, str] | None = None,
        trickle: float = 0.0,
        stall_after: int | None = None,
    ) -> None:
        self.status, self.body, self.headers, self.trickle = status, body, headers or {}, trickle
        self.stall_after = stall_after  # announce 50 MB, send the body, then hang


class Server:
    def __init__(self, routes: dict[str, Route]) -> None:
        self.hits: Counter[str] = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.hits[self.path] += 1
                route = routes.get(self.path, Route(404, b"unknown"))
                self.send_response(route.status)
                self.send_header("Content-Type", route.headers.get("Content-Type", "text/html"))
                length = 50_000_000 if route.stall_after is not None else len(route.body)
                self.send_header("Content-Length", str(length))
                for key, value in route.headers.items():
                    if key != "Content-Type":
                        self.send_header(key, value)
                self.end_headers()
                try:
                    if route.trickle:
                        for byte in route.body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(route.trickle)
                    else:
                        self.wfile.write(route.body)
                    if route.stall_after is not None:
                        self.wfile.flush()
                        time.sleep(15)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator:
    servers: list[Server] = []

    def start(routes: dict[str, Route]) -> Server:
        servers.append(Server(routes))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def names(table: dict[str, list[str]]):
    """A resolver from a table: the DNS the test controls."""

    async def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(f"no such host {host}")
        return table[host]

    return resolve


def test_a_name_resolving_to_a_private_address_is_refused_before_any_request(serve) -> None:
    server = serve({"/page": Route()})
    resolver = names({"intranet.example": ["127.0.0.1"]})
    with Fetcher(FetchConfig(block_private=True, **QUICK), resolver=resolver) as fetcher:
        with pytest.raises(BlockedError, match="non-public"):
            fetcher.fetch(f"http://intranet.example:{server.port}/page")
    assert server.hits["/page"] == 0


def test_dns_rebinding_is_refused_at_the_socket(serve) -> None:
    # The first answer (the early check) is public, every later one loopback: the connection
    # is made to what the guard resolved and checked itself, so the second answer is refused.
    server = serve({"/page": Route()})
    answers = iter([["93.184.216.34"]])

    async def rebinding(host: str, port: int) -> list[str]:
        return next(answers, ["127.0.0.1"])

    with Fetcher(FetchConfig(block_private=True, **QUICK), resolver=rebinding) as fetcher:
        with pytest.raises(BlockedError, match="non-public"):
            fetcher.fetch(f"http://rebind.example:{server.port}/page")
    assert sum(server.hits.values()) == 0


def test_the_connection_goes_to_the_address_the_guard_resolved(serve, monkeypatch) -> None:
    # news.example exists only in the test's resolver: the page arrives only if the socket is
    # opened to the address the guard resolved, not to a second lookup of the name.
    monkeypatch.setattr(_guard, "is_forbidden", lambda host, address: False)
    server = serve({"/page": Route()})
    resolver = names({"news.example": ["127.0.0.1"]})
    with Fetcher(FetchConfig(block_private=True, **QUICK), resolver=resolver) as fetcher:
        assert fetcher.fetch(f"http://news.example:{server.port}/page").content == PAGE


def test_robots_txt_redirected_to_an_internal_host_is_not_fetched(serve, monkeypatch) -> None:
    def internal(host: str, address: object) -> bool:
        return host == "internal.example"

    monkeypatch.setattr(_guard, "is_forbidden", internal)
    inside = serve(
        {"/robots.txt": Route(body=b"User-agent: *\nDisallow: /\n", headers={"Content-Type": "text/plain"})}
    )
    outside = serve(
        {
            "/robots.txt": Route(302, b"", {"Location": f"http://internal.example:{inside.port}/robots.txt"}),
            "/page": Route(),
        }
    )
    resolver = names({"news.example": ["127.0.0.1"], "internal.example": ["127.0.0.1"]})
    with Fetcher(FetchConfig(block_private=True, **QUICK), resolver=resolver) as fetcher:
        assert fetcher.fetch(f"http://news.example:{outside.port}/page").status == 200
    assert inside.hits["/robots.txt"] == 0  # the redirect hop was refused at the socket


def test_one_deadline_bounds_a_body_trickled_byte_by_byte(serve) -> None:
    # Every byte arrives well inside the read timeout; only the per-URL deadline stops it.
    server = serve({"/trickle": Route(trickle=0.05)})
    config = FetchConfig(total_timeout=1.0, read_timeout=5.0, respect_robots=False, **QUICK)
    with Fetcher(config) as fetcher:
        with pytest.raises(FetchError, match="total_timeout"):
            fetcher.fetch(f"http://127.0.0.1:{server.port}/trickle")


def test_a_retry_after_sleep_is_inside_the_deadline(serve) -> None:
    server = serve({"/busy": Route(503, b"busy", {"Retry-After": "60"})})
    config = FetchConfig(total_timeout=1.0, max_retry_after=120.0, respect_robots=False, **QUICK)
    with Fetcher(config) as fetcher:
        with pytest.raises(FetchError, match="total_timeout"):
            fetcher.fetch(f"http://127.0.0.1:{server.port}/busy")
    assert server.hits["/busy"] == 1


def test_robots_txt_is_cut_at_its_cap_after_decompression(serve) -> None:
    # A Disallow beyond 512 KiB of decompressed robots.txt is never read (nor the rest inflated).
    robots = b"User-agent: *\n" + b"# padding\n" * 60_000 + b"Disallow: /\n"
    server = serve(
        {
            "/robots.txt": Route(
                body=gzip.compress(robots), headers={"Content-Encoding": "gzip", "Content-Type": "text/plain"}
            ),
            "/page": Route(),
        }
    )
    with Fetcher(FetchConfig(**QUICK)) as fetcher:
        assert fetcher.fetch(f"http://127.0.0.1:{server.port}/page").status == 200


def test_robots_txt_is_streamed_not_read_whole(serve) -> None:
    # 600 KB arrive, then the server stalls on a body it announced as 50 MB: the rules in the
    # first 512 KiB are read and obeyed at once, without waiting for the rest.
    robots = b"User-agent: *\nDisallow: /\n" + b"# padding\n" * 60_000
    server = serve(
        {
            "/robots.txt": Route(
                body=robots, headers={"Content-Type": "text/plain"}, stall_after=len(robots)
            ),
            "/page": Route(),
        }
    )
    with Fetcher(FetchConfig(**QUICK)) as fetcher:
        with pytest.raises(BlockedError, match="robots"):
            fetcher.fetch(f"http://127.0.0.1:{server.port}/page")


def test_the_defaults_give_a_stalled_host_about_thirty_seconds() -> None:
    config = FetchConfig()
    assert config.total_timeout == 30.0 and config.read_timeout < config.total_timeout
