"""Content-Encoding decoding with bounded output, so size limits hold after decompression
(gzip bombs), for pages and robots.txt alike."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

__all__ = ["Decompressor"]

_GZIP_MAGIC = b"\x1f\x8b"


class Decompressor:
    """gzip / deflate decoding with bounded output per call.

    A gzip body may hold several members one after the other (RFC 1952 §2.2); each is decoded,
    under the same bound. Zero bytes between members are padding, as gzip(1) reads them; bytes
    after the last member that start no member are ignored, as browsers ignore them.
    """

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding.strip().lower()
        self._gzip = self.encoding in ("gzip", "x-gzip")
        if self._gzip:
            self._z: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self._z = zlib.decompressobj()
        elif self.encoding in ("", "identity"):
            self._z = None
        else:  # br, zstd, ...: we asked for gzip or deflate only
            raise zlib.error(f"unsupported Content-Encoding {self.encoding!r}")
        self._raw_deflate_tried = False
        self._between = False  # a gzip member ended; the next has not started
        self._ended = False  # past the last member: the rest is ignored

    def feed(self, data: bytes, max_out: int) -> Iterable[bytes]:
        """Decoded chunks of ``data``, at most ``max_out`` bytes in all (more waiting: one extra byte)."""
        if self._z is None:
            yield data
            return
        remaining = max_out
        while data and not self._ended:
            if self._between:
                data = self._next_member(data)
                if not data:
                    return
            if remaining <= 0:
                yield b"\0"  # output past the limit is waiting: the caller sees the limit crossed
                return
            out = self._decompress(data, remaining)
            remaining -= len(out)
            yield out
            data = self._z.unconsumed_tail
            if self._z.eof:
                data = self._z.unused_data + data
                if self._gzip:
                    self._between = True
                else:
                    self._ended = True

    def flush(self) -> bytes:
        return self._z.flush() if self._z is not None and not self._between else b""

    def _decompress(self, data: bytes, max_out: int) -> bytes:
        assert self._z is not None
        try:
            return self._z.decompress(data, max_out)
        except zlib.error:
            if self.encoding != "deflate" or self._raw_deflate_tried:
                raise
            self._raw_deflate_tried = True  # servers that send raw deflate without the zlib header
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._z.decompress(data, max_out)

    def _next_member(self, data: bytes) -> bytes:
        """``data`` from the start of the next gzip member (a new decoder made for it), or b""
        when it holds only padding or the body's end is not gzip."""
        data = data.lstrip(b"\0")
        if not data:
            return b""
        if not _GZIP_MAGIC.startswith(data[:2]):
            self._ended = True
            return b""
        self._between = False
        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        return data
