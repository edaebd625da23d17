"""Built-in site extractors, one module per publisher family, listed explicitly."""

from __future__ import annotations

from ..base import SiteExtractor
from .pravda import PravdaExtractor

__all__ = ["BUILTIN"]

BUILTIN: tuple[type[SiteExtractor], ...] = (PravdaExtractor,)
