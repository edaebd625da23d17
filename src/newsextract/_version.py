"""The package version: one module that imports nothing, so every layer can name it."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
