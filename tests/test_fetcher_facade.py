"""`with Fetcher()` / `async with AsyncFetcher()` give the object the caller built: the public
fetchers, which also extract and discover, not the bare fetch-layer classes beneath them."""

from __future__ import annotations

import asyncio

import pytest

import newsextract
from newsextract import AsyncFetcher, BadStatusError, Fetcher

from .faultserver import FaultServer, fast_config

FAST = fast_config()
TITLE = "Fault server article"


@pytest.fixture(scope="module")
def server():
    with FaultServer() as srv:
        yield srv


def test_with_fetcher_gives_the_public_fetcher_that_extracts(server) -> None:
    with Fetcher(FAST) as fetcher:
        assert type(fetcher) is newsextract.Fetcher
        assert fetcher.extract_url(server.base + "/ok").title == TITLE
        outcomes = dict(fetcher.extract_urls([server.base + "/ok", server.base + "/gone"]))
    assert outcomes[server.base + "/ok"].title == TITLE
    assert isinstance(outcomes[server.base + "/gone"], BadStatusError)


def test_async_with_gives_the_public_async_fetcher_that_extracts(server) -> None:
    async def go() -> tuple[str | None, dict[str, object]]:
        async with AsyncFetcher(FAST) as fetcher:
            assert type(fetcher) is newsextract.AsyncFetcher
            one = await fetcher.extract_url(server.base + "/ok")
            many = {url: result async for url, result in fetcher.extract_urls([server.base + "/ok"])}
        return one.title, many

    title, many = asyncio.run(go())
    assert title == TITLE
    assert many[server.base + "/ok"].title == TITLE


def test_the_module_level_twins_fetch_and_extract(server) -> None:
    assert [r.title for _, r in newsextract.extract_urls([server.base + "/ok"], config=FAST)] == [TITLE]

    async def go() -> list[object]:
        return [r async for _, r in newsextract.aextract_urls([server.base + "/ok"], config=FAST)]

    assert [r.title for r in asyncio.run(go())] == [TITLE]
    assert asyncio.run(newsextract.aextract_url(server.base + "/ok", config=FAST)).title == TITLE
