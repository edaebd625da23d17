"""URLs as discovery compares them: one spelling per article, and the site they belong to."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..errors import UnsupportedURLError

__all__ = ["TRACKING_PARAMS", "is_site_root", "normalize_url", "resolve"]

# Query parameters that only say how a reader arrived: dropped so one article is listed once.
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "yclid", "igshid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str, base: str | None = None) -> str:
    """``url`` (resolved against ``base``) in one spelling per article: lower-case scheme and host,
    no default port, no fragment, no tracking parameters (utm_*, fbclid, gclid, ...), ``/`` for an
    empty path. UnsupportedURLError for anything but an http(s) URL with a host and a valid port.

    >>> normalize_url("HTTPS://WWW.Example.com:443/a?utm_source=x&id=2#top")
    'https://www.example.com/a?id=2'
    """
    raw = url.strip()
    try:
        parts = urlsplit(urljoin(base, raw) if base else raw)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError as exc:  # a port out of range, a broken IPv6 literal
        raise UnsupportedURLError(f"not a URL: {raw[:100]!r} ({exc})", url=raw[:200]) from exc
    if scheme not in _DEFAULT_PORTS or not host:
        raise UnsupportedURLError(f"not an http(s) URL: {raw[:100]!r}", url=raw[:200])
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def resolve(url: str, base: str) -> str | None:
    """``url`` resolved against ``base`` in its normal spelling, or None when it is no http(s) URL:
    a document names links, and one broken link is that link's loss, not the document's."""
    try:
        return normalize_url(url, base)
    except UnsupportedURLError:
        return None


def is_site_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith("utm_") or key in TRACKING_PARAMS
