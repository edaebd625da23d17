"""The one check the fetcher makes below httpx, in httpcore's HTTP/1.1 connection: bytes that
arrived past the end of a response.

A response whose Content-Length is shorter than what the server sent leaves the rest in the
connection's buffer, and httpcore would read it as the answer to the next request on that
connection (response smuggling: one page's server answers for another URL of the host). Such a
connection is closed once its response is read, before it goes back to the pool. httpx has no
public handle on the connection, so this follows the response stream down to it; the fetch
tests check that the path still leads there.
"""

from __future__ import annotations

from typing import Any

import h11
import httpx

__all__ = ["close_if_overrun"]

# BoundAsyncStream._stream -> AsyncResponseStream._httpcore_stream -> PoolByteStream._stream
# -> HTTP11ConnectionByteStream._connection -> AsyncHTTP11Connection (holds _h11_state)
_HOPS = ("_stream", "_httpcore_stream", "_connection")


async def close_if_overrun(response: httpx.Response) -> bool:
    """Close the connection under ``response`` (read to its end) when bytes past that end are
    waiting in it, and say so; False when none are, or when the response did not come over an
    HTTP/1.1 connection (a mock transport, HTTP/2)."""
    connection = _http11_connection(response)
    if connection is None:
        return False
    leftover, _closed = connection._h11_state.trailing_data
    if not leftover:
        return False
    await connection.aclose()  # the pool drops a closed connection instead of reusing it
    return True


def _http11_connection(response: httpx.Response) -> Any:
    node: Any = response.stream
    for _ in range(8):
        if isinstance(getattr(node, "_h11_state", None), h11.Connection):
            return node
        node = next((getattr(node, hop) for hop in _HOPS if hasattr(node, hop)), None)
        if node is None:
            return None
    return None
