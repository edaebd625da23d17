"""Near-duplicate detection over one run: records whose fingerprints differ in few bits.

``NearDuplicates`` answers, for each record in input order, "is this within ``DISTANCE`` bits of
a record kept earlier in the run?", and remembers the records that were not. Duplicates are
not remembered themselves: a chain of small edits (A, A' near A, A'' near A' only) does not
creep away from the first record, and dropping or marking decide alike.

The index (the classic one for SimHash, Manku et al., WWW 2007): two fingerprints within k bits
agree exactly on at least one of k + 1 disjoint bands of their bits (pigeonhole), so each band
has an exact-match table, and only the records sharing a band with the query are compared,
by popcount. For k = 3: four bands of 16 bits; among N random fingerprints a band's bucket holds
N / 65,536 of them, so a query compares about 4 * N / 65,536 (60 at a million records).

Memory, stated and measured (``benchmarks/filters_bench.py``): each band's table is a head
array of 2**16 record numbers (4 bytes each: 1 MiB for the four, allocated once) and a chain
array of 4 bytes per record (the previous record in the same bucket); the fingerprints are an
array of 8 bytes per record. So 24 bytes per record kept, plus 1 MiB. With ``sources`` (for
``--dedupe=mark``, which names the first record) 12 more per record: the record's position
(offset or line, 8 bytes) and the number of its file (4 bytes), plus each file's name once.
"""

from __future__ import annotations

import json
from array import array
from typing import Any

__all__ = ["DISTANCE", "NearDuplicates"]

# Bits two fingerprints may differ in and still be near-duplicates. Measured on the dev sets'
# bodies (1,592 pages of dev, fundus, openweb, wceb, pravda; benchmarks/README.md): distinct
# articles are never closer than 13 bits; a body with one word changed is within 3 bits in 4 of
# 5 cases, with an agency credit line added in 3 of 4. Three keeps a margin of 10 bits against
# false pairs, and four 16-bit bands keep the buckets small at millions of records.
DISTANCE = 3
BITS = 64
_NONE = -1
# The integer key that places a record within its file, where its source has one.
_POSITION_KEYS = ("offset", "line")


class NearDuplicates:
    """The fingerprints of the records kept so far in one run, for near-duplicate queries.

    ``first(fingerprint)``: the number of the earliest kept record within ``distance`` bits, or
    None; ``add(fingerprint, source)`` remembers a kept record; ``source(number)`` gives its
    source back (only with ``sources=True``).
    """

    def __init__(self, distance: int = DISTANCE, *, sources: bool = False) -> None:
        if not isinstance(distance, int) or not 0 <= distance < 16:
            raise ValueError(f"distance must be a number of bits from 0 to 15, not {distance!r}")
        self.distance = distance
        bands = distance + 1
        # Band i covers bits [start, start + width): widths as equal as 64 bits allow.
        self._bands: list[tuple[int, int]] = []
        start = 0
        for i in range(bands):
            width = BITS // bands + (i < BITS % bands)
            self._bands.append((start, (1 << width) - 1))
            start += width
        self._heads = [array("i", [_NONE]) * (mask + 1) for _, mask in self._bands]
        self._chains = [array("i") for _ in self._bands]
        self._values = array("Q")
        self._keep_sources = sources
        self._files: dict[str, int] = {}  # a source without its position, as JSON -> its number
        self._file_list: list[str] = []
        self._file_of = array("I")
        self._position = array("q")

    def __len__(self) -> int:
        return len(self._values)

    def first(self, fingerprint: str | int) -> int | None:
        """The earliest kept record within ``distance`` bits of ``fingerprint``, or None."""
        value = _value(fingerprint)
        best: int | None = None
        for (shift, mask), heads, chain in zip(self._bands, self._heads, self._chains, strict=True):
            number = heads[value >> shift & mask]
            while number != _NONE:
                if (self._values[number] ^ value).bit_count() <= self.distance and (
                    best is None or number < best
                ):
                    best = number
                number = chain[number]
        return best

    def add(self, fingerprint: str | int, source: dict[str, Any] | None = None) -> int:
        """Remember a kept record; its number."""
        value = _value(fingerprint)
        number = len(self._values)
        self._values.append(value)
        for (shift, mask), heads, chain in zip(self._bands, self._heads, self._chains, strict=True):
            bucket = value >> shift & mask
            chain.append(heads[bucket])
            heads[bucket] = number
        if self._keep_sources:
            file, position = _split(source or {})
            self._file_of.append(self._files.setdefault(file, len(self._files)))
            if len(self._files) > len(self._file_list):
                self._file_list.append(file)
            self._position.append(position)
        return number

    def source(self, number: int) -> dict[str, Any]:
        """The source of kept record ``number`` (the index keeps sources)."""
        if not self._keep_sources:
            raise ValueError("this index keeps no sources (NearDuplicates(sources=True) does)")
        source: dict[str, Any] = json.loads(self._file_list[self._file_of[number]])
        position = self._position[number]
        if position != _NONE:
            key = source.pop("#", "offset")
            source[key] = position
        return source

    def seen(self, fingerprint: str | None, source: dict[str, Any] | None = None) -> int | None:
        """For a record in run order: the earlier record it duplicates, or None after
        remembering it (a record without a fingerprint is never a duplicate)."""
        if fingerprint is None:
            return None
        earlier = self.first(fingerprint)
        if earlier is None:
            self.add(fingerprint, source)
        return earlier


def _value(fingerprint: str | int) -> int:
    value = int(fingerprint, 16) if isinstance(fingerprint, str) else fingerprint
    if not 0 <= value < 1 << BITS:
        raise ValueError(f"a fingerprint is a 64-bit number, not {fingerprint!r}")
    return value


def _split(source: dict[str, Any]) -> tuple[str, int]:
    """A source as (the rest of it as JSON, its position): the rest is the same for every record
    of a file, so it is stored once per file. ``#`` names the position's key."""
    for key in _POSITION_KEYS:
        position = source.get(key)
        if isinstance(position, int) and not isinstance(position, bool) and position >= 0:
            rest = {k: v for k, v in source.items() if k != key}
            if key != "offset":
                rest["#"] = key
            return json.dumps(rest, sort_keys=True), position
    return json.dumps(source, sort_keys=True), _NONE
