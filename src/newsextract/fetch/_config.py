"""FetchConfig: every knob of the fetchers in one frozen object, shared by sync and async."""

from __future__ import annotations

from dataclasses import dataclass

from .._version import __version__
from ..limits import MAX_INPUT_BYTES

__all__ = ["DEFAULT_USER_AGENT", "FetchConfig"]

DEFAULT_USER_AGENT = f"newsextract/{__version__} (+https://pypi.org/project/newsextract/; article extraction)"


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchConfig:
    """How pages are downloaded.

    user_agent: sent with every request; names the project by default.
    connect_timeout, read_timeout, write_timeout, pool_timeout: seconds for each phase.
    total_timeout: one wall-clock deadline for a URL over robots.txt, connects, headers, bodies,
        retries and the sleeps between them (None: no cap). The default keeps a dead or stalled
        host to about 30 s at a terminal.
    max_bytes: body limit after decompression; larger responses fail with ResponseTooLargeError.
    max_redirects: redirects followed per request; only http(s) targets are followed.
    max_attempts: tries per URL for retryable failures (timeouts, resets, 408, 429, 5xx).
    backoff_base, backoff_max: exponential backoff with full jitter between attempts, seconds.
    max_retry_after: a longer Retry-After fails at once instead of waiting that long.
    per_host_concurrency: requests in flight to one host at a time.
    per_host_delay: minimum seconds between request starts on one host (robots Crawl-delay wins
        when larger).
    global_concurrency: requests in flight in total.
    respect_robots: fetch and obey robots.txt (per host, cached).
    block_private: refuse loopback, private, link-local and reserved addresses (for services):
        each connection, robots.txt and redirects included, goes to the address that was
        resolved and checked, so DNS rebinding cannot slip past.
    accept_content_types: response types treated as HTML; others raise ContentTypeError (a
        response without a Content-Type is let through: the parser decides).
    max_cookies: cookies kept per origin and sent back to it. 0 (the default) keeps none: a
        crawler of archives keeps no session, and a server setting cookies on every response
        would otherwise grow every later request. A positive number keeps that many; newer
        ones past it are dropped.
    """

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 10.0
    write_timeout: float = 10.0
    pool_timeout: float = 30.0
    total_timeout: float | None = 30.0
    max_bytes: int = MAX_INPUT_BYTES
    max_redirects: int = 10
    max_attempts: int = 4
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_retry_after: float = 120.0
    per_host_concurrency: int = 2
    per_host_delay: float = 1.0
    global_concurrency: int = 32
    respect_robots: bool = True
    block_private: bool = False
    accept_content_types: tuple[str, ...] = ("text/html", "application/xhtml+xml")
    max_cookies: int = 0

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or self.per_host_concurrency < 1 or self.global_concurrency < 1:
            raise ValueError("max_attempts and concurrency limits must be at least 1")
        if self.max_bytes < 1 or self.max_redirects < 0 or self.max_cookies < 0:
            raise ValueError("max_bytes must be positive, max_redirects and max_cookies not negative")
