"""Shared test helpers: paths to fixtures and to ../shared (skipped locally when absent, required in CI)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"

# The language model's cache (see newsextract.normalize.language) goes to a folder of this run,
# for the CLI subprocesses too, not to the user's ~/.cache.
if "NEWSEXTRACT_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="newsextract-test-cache-")
    os.environ["NEWSEXTRACT_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared; skips the test when it is absent, fails in CI (CI=true)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the checkout")
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
