"""Text and URL clean-up shared by every field."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import SplitResult, urljoin, urlsplit

__all__ = [
    "absolute_url",
    "clean_text",
    "fold",
    "reading_length",
    "similar",
    "site_of",
    "http_url",
    "split_url",
    "trie_regex",
]

# Zero-width and soft-hyphen characters that pages sprinkle into text (a regex scan is much
# faster than str.translate with a table on long strings).
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")


def clean_text(text: str | None) -> str:
    """Collapse whitespace (NBSP included), drop invisible characters, NFC-normalise.

    >>> clean_text("  Hello\\u00a0\\n world\\u200b ")
    'Hello world'
    """
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.split())  # str.split() is several times faster than a \s+ regex
    if any(ch in text for ch in _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    text = " ".join(text.split())
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


# Han, kana and hangul: one character carries about what a short Latin word does.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
CJK_CHAR_WEIGHT = 3


def reading_length(text: str) -> int:
    """The length of ``text`` in Latin-script characters' worth: CJK characters count thrice
    (a 60-character Japanese article says what 180 English characters do)."""
    if text.isascii():  # the common case, decided in C
        return len(text)
    return len(text) + (CJK_CHAR_WEIGHT - 1) * len(CJK.findall(text))


def fold(text: str) -> str:
    """Case-folded words with the punctuation between them gone: the form texts are compared in."""
    return re.sub(r"\W+", " ", text.casefold()).strip()


def similar(a: str, b: str) -> bool:
    """Same words, or one, long enough to mean something, contained in the other ("Deep" is
    not similar to "Deep text of the story")."""
    a, b = fold(a), fold(b)
    return bool(a) and bool(b) and (a == b or (len(a) > 15 and a in b) or (len(b) > 15 and b in a))


# Second-level labels under which registrations happen (bbc.co.uk, pravda.com.ua, abc.net.au).
# A public-suffix list would be exact; this covers news sites without a data file to keep fresh.
_SECOND_LEVEL = frozenset(
    {
        "co",
        "com",
        "net",
        "org",
        "gov",
        "edu",
        "ac",
        "or",
        "ne",
        "go",
        "gob",
        "nic",
        "in",
        "ltd",
        "plc",
        "mil",
        "nom",
        "kiev",
        "kyiv",
    }
)


def site_of(url: str | None) -> str | None:
    """Registrable domain of a URL: ``https://www.bbc.co.uk/news/x`` -> ``bbc.co.uk``; None
    without a URL or a host.

    >>> site_of("https://www.pravda.com.ua/eng/news/")
    'pravda.com.ua'
    >>> site_of("https://epravda.com.ua/x")
    'epravda.com.ua'
    """
    parts = split_url(url)
    host = ((parts.hostname if parts else None) or "").rstrip(".").lower()
    if not host:
        return None
    labels = host.split(".")
    if len(labels) <= 2 or host.replace(".", "").isdigit():
        return host
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def absolute_url(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base``; protocol-relative and relative links included. A
    link that is no URL ("http://[::1") is None."""
    if not href:
        return None
    href = href.strip()
    if href.startswith("data:"):
        return None
    try:
        resolved = urljoin(base, href) if base else href
        urlsplit(resolved).hostname  # noqa: B018 - the port and IPv6 host are checked here
    except ValueError:
        return None
    return resolved


def http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None: the only URLs a record
    holds (``javascript:``, ``file:``, protocol-relative and archive placeholders are not links
    a reader can follow).

    >>> http_url("https://example.com/a"), http_url("javascript:alert(1)//"), http_url("//x.com/a")
    ('https://example.com/a', None, None)
    """
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    parts = split_url(url)
    return url if parts is not None and parts.hostname else None


def split_url(url: str | None) -> SplitResult | None:
    """``urlsplit`` of a URL or a bare host ("example.com/x"); None for text that is no URL
    (an unclosed IPv6 bracket, a port that is not a number)."""
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        parts.port  # noqa: B018 - raises for a bad port
    except ValueError:
        return None
    return parts


# A prefix tree of words: a letter -> the tree of what follows it ("" marks a word's end).
_Trie = dict[str, "_Trie"]


def trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` as a prefix tree ("ma(?:r(?:ch|zo)|y)"): Python's re
    tries a flat alternation word by word at every position, a tree letter by letter (month
    names, speech verbs)."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: _Trie) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        return body + "?" if optional else body

    return render(tree)


class LazyPatterns:
    """Regexes compiled on first use, not at import (``define`` them where they belong, read them
    as attributes): large alternations cost a tenth of a second to compile, which every
    ``import newsextract`` would pay. After the first use a pattern is a plain attribute."""

    def __init__(self) -> None:
        self._sources: dict[str, str] = {}

    def define(self, name: str, source: str) -> None:
        self._sources[name] = source

    def __getattr__(self, name: str) -> re.Pattern[str]:  # only for a name not compiled yet
        try:
            source = self.__dict__["_sources"][name]
        except KeyError:
            raise AttributeError(name) from None
        pattern = re.compile(source)
        setattr(self, name, pattern)
        return pattern
