"""URLs as discovery compares them: one spelling per article, and the site they belong to."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..errors import UnsupportedURLError

__all__ = [
    "TRACKING_PARAMS",
    "is_site_root",
    "language_code",
    "looks_like_article",
    "normalize_url",
    "resolve",
]

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


# What an article's address has that a section's, a tag's or a file's has not: a date in the path
# (/2024/07/12/, /2024-07-12-), a long numeric id (/7465312/, -a41234567), or a slug of several
# words (/bridge-opens-to-traffic).
_DATE_PATH = re.compile(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)")
_LONG_ID = re.compile(r"(?<![0-9a-z])[a-z]?\d{5,}(?![0-9a-z])")
MIN_SLUG_WORDS = 3
_WORD_SPLIT = re.compile(r"[-_+]+")
# Path segments of pages that list or serve articles rather than being one.
_LISTING_SEGMENTS = frozenset(
    """tag tags topic topics category categories author authors search page archive archives
    login signin sign-in register subscribe subscription account profile about contact privacy
    terms imprint impressum feed rss newsletter newsletters video-list gallery-list""".split()
)
_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|ico|pdf|css|js|json|xml|rss|zip|gz|mp3|mp4|webm)$", re.I)


def looks_like_article(url: str) -> bool:
    """Whether an (absolute, normalised) URL looks like an article's address: no file, no tag,
    author, search or other listing path, and a date in the path, a long numeric id, or a last
    segment of at least MIN_SLUG_WORDS words.

    >>> looks_like_article("https://example.com/news/2024/07/12/7465312/")
    True
    >>> looks_like_article("https://example.com/world/bridge-opens-to-traffic")
    True
    >>> looks_like_article("https://example.com/news/politics"), looks_like_article("https://example.com/tag/big-river-floods")
    (False, False)
    """
    path = urlsplit(url).path
    segments = [s.lower() for s in path.split("/") if s]
    if not segments or _FILE.search(path) or any(s in _LISTING_SEGMENTS for s in segments):
        return False
    last = segments[-1].rsplit(".", 1)[0]
    words = [w for w in _WORD_SPLIT.split(last) if w]
    return bool(_DATE_PATH.search(path) or _LONG_ID.search(path.lower()) or len(words) >= MIN_SLUG_WORDS)


_LANGUAGE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


def language_code(value: str | None) -> str | None:
    """The primary language subtag of a listing's language (``en-US`` -> ``en``), or None."""
    match = _LANGUAGE.match(value or "")
    return match.group(1).lower() if match else None
