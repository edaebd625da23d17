"""Size limits shared by every way a page comes in: fetched, read from a file or a stream,
inside an archive, or handed to ``extract()``."""

from __future__ import annotations

import zlib
from typing import BinaryIO

from .errors import InputTooLargeError, ParseError

__all__ = ["MAX_INPUT_BYTES", "gunzip_bounded", "read_bounded"]

# The largest page read (after decompression): 10 MiB, more than any article page needs (the
# largest of the 582 dev pages is 2.9 MB), little enough that a bomb cannot exhaust memory.
MAX_INPUT_BYTES = 10 * 1024 * 1024


def gunzip_bounded(data: bytes, limit: int = MAX_INPUT_BYTES, *, source: str | None = None) -> bytes:
    """gzip data decompressed, stopping with InputTooLargeError past ``limit`` bytes (a 400 MB
    bomb costs ``limit``, not 400 MB); concatenated members are read as gzip reads them."""
    out: list[bytes] = []
    size = 0
    rest = data
    try:
        while rest:
            z = zlib.decompressobj(16 + zlib.MAX_WBITS)
            chunk = z.decompress(rest, limit - size + 1)
            while True:
                size += len(chunk)
                if size > limit:
                    raise InputTooLargeError(f"over the {limit}-byte limit once decompressed", url=source)
                out.append(chunk)
                if not z.unconsumed_tail:
                    break
                chunk = z.decompress(z.unconsumed_tail, limit - size + 1)
            if not z.eof:
                raise ParseError("broken gzip file: truncated", url=source)
            rest = z.unused_data.lstrip(b"\0")  # the next member, if any
    except zlib.error as exc:
        raise ParseError(f"broken gzip file: {exc}", url=source) from exc
    return b"".join(out)


def read_bounded(
    stream: BinaryIO, limit: int = MAX_INPUT_BYTES, *, source: str | None = None, hint: str = ""
) -> bytes:
    """A page from a file or stdin: at most ``limit`` bytes read (a 2 GB file costs the limit,
    not 2 GB), gunzipped when it is gzip, InputTooLargeError past the limit (``hint`` names the
    knob that sets it)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputTooLargeError(f"over the {limit}-byte limit{hint}", url=source)
    return gunzip_bounded(data, limit, source=source) if data[:2] == b"\x1f\x8b" else data
