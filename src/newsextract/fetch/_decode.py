"""Content-Encoding decoding with bounded output, so size limits hold after decompression
(gzip bombs), for pages and robots.txt alike."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

__all__ = ["Decompressor"]


class Decompressor:
    """gzip / deflate decoding with bounded output per call."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding.strip().lower()
        if self.encoding in ("gzip", "x-gzip"):
            self._z: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self._z = zlib.decompressobj()
        elif self.encoding in ("", "identity"):
            self._z = None
        else:  # br, zstd, ...: we asked for gzip or deflate only
            raise zlib.error(f"unsupported Content-Encoding {self.encoding!r}")
        self._raw_deflate_tried = False

    def feed(self, data: bytes, max_out: int) -> Iterable[bytes]:
        """Decoded chunks of ``data``, at most ``max_out`` bytes in all (more waiting: one extra byte)."""
        if self._z is None:
            yield data
            return
        try:
            out = self._z.decompress(data, max_out)
        except zlib.error:
            if self.encoding != "deflate" or self._raw_deflate_tried:
                raise
            self._raw_deflate_tried = True  # servers that send raw deflate without the zlib header
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._z.decompress(data, max_out)
        yield out
        remaining = max_out - len(out)
        while self._z.unconsumed_tail:
            if remaining <= 0:
                yield b"\0"  # output past the limit is waiting: the caller sees the limit crossed
                return
            out = self._z.decompress(self._z.unconsumed_tail, remaining)
            remaining -= len(out)
            yield out

    def flush(self) -> bytes:
        return self._z.flush() if self._z is not None else b""
