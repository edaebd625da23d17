"""Ukrainska Pravda family (placeholder, filled below)."""

from __future__ import annotations

from ..base import Field, SiteExtractor


class PravdaExtractor(SiteExtractor):
    domains = ("pravda.com.ua",)
    title = Field("h1")
