"""The extractor registry: which site extractor serves a URL.

Lookup order: extractors added with ``register()`` (newest first), then the built-in ones from
``sites/``, walking the host's labels (``www.bbc.co.uk`` -> ``bbc.co.uk`` -> ``co.uk``) and
matching only declared domains, checked against ``article_path`` when one is declared. No match
means the generic extractor.
"""

from __future__ import annotations

from ..normalize.text import split_url
from .base import Field, SiteExtractor, attr, jsonld, meta
from .generic import GenericExtractor
from .sites import BUILTIN

__all__ = ["Field", "GenericExtractor", "SiteExtractor", "attr", "jsonld", "lookup", "meta", "register"]

_registered: list[type[SiteExtractor]] = []


def register(extractor: type[SiteExtractor]) -> type[SiteExtractor]:
    """Add a site extractor; registered extractors take precedence over built-in ones.

    Usable as a class decorator. Returns the class unchanged.
    """
    if not (isinstance(extractor, type) and issubclass(extractor, SiteExtractor)):
        raise TypeError(f"register() takes a SiteExtractor subclass, not {extractor!r}")
    if extractor not in _registered:
        _registered.insert(0, extractor)
    return extractor


def _by_domain(extractors: list[type[SiteExtractor]]) -> dict[str, list[type[SiteExtractor]]]:
    table: dict[str, list[type[SiteExtractor]]] = {}
    for cls in extractors:
        for domain in cls.domains:
            table.setdefault(domain, []).append(cls)
    return table


_BUILTIN_BY_DOMAIN = _by_domain(list(BUILTIN))


def lookup(url: str | None) -> SiteExtractor | None:
    """An instance of the site extractor for ``url``, or None (use the generic extractor)."""
    parts = split_url(url)
    if parts is None:
        return None
    host = (parts.hostname or "").rstrip(".").lower()
    path = parts.path or "/"
    labels = host.split(".")
    for table in (_by_domain(_registered), _BUILTIN_BY_DOMAIN):
        for i in range(len(labels) - 1):
            for cls in table.get(".".join(labels[i:]), ()):
                if cls.matches_path(path):
                    return cls()
    return None
