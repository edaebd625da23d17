"""The ``fingerprint`` of a body: a 64-bit SimHash of its word shingles.

Two bodies that differ in a few words (a syndicated wire story with another headline, a
corrected figure, a site's credit line) get fingerprints that differ in a few of their 64 bits;
unrelated bodies differ in about half of them (32). ``hamming`` counts the bits that differ.

The algorithm, exactly (so any implementation, in any language, gives the same digits). All
arithmetic is on unsigned 64-bit integers, modulo 2**64; ``fmix(x)`` is SplitMix64's finalizer:
``x ^= x >> 30; x *= 0xBF58476D1CE4E5B9; x ^= x >> 27; x *= 0x94D049BB133111EB; x ^= x >> 31``.

1. Text: the paragraphs joined with a line feed.
2. Tokens: ``str.casefold()``, then the runs of Unicode word characters (Python's ``re``
   ``\\w``: letters, digits, marks of letters, underscore), in order. Punctuation, quote marks and
   spacing do not count, nor does case. No tokens: no fingerprint (``None``).
3. Hash of a token: its UTF-8 bytes ``b_0 .. b_(n-1)`` read as ``fmix(b_0 + b_1 * P + b_2 * P**2
   + ... + b_(n-1) * P**(n-1))`` with ``P = 0x100000001B3``.
4. Shingles: every run of ``SHINGLE`` (3) consecutive tokens ``t1 t2 t3``, hashed as
   ``fmix(h(t1) * K1 + h(t2) * K2 + h(t3) * K3)`` with ``K1 = 0x9E3779B97F4A7C15``,
   ``K2 = 0xC2B2AE3D27D4EB4F``, ``K3 = 0x165667B19E3779F9``; a text of fewer tokens is one shingle,
   its missing tokens' hashes taken as 0.
5. Weights: every shingle weighs 1, once per occurrence. For each bit position i (0 = least
   significant), add the weight of every shingle whose hash has bit i set and subtract it for
   every shingle whose hash has it clear; bit i of the fingerprint is 1 where the sum is above 0
   (a tie is 0).
6. Text form: the number as 16 lowercase hexadecimal digits, zero-padded.

Every step after the tokenizer runs over whole arrays (numpy), so a body costs a few array
operations, not a Python call per word.

Stable across runs, platforms and Python versions: nothing in it depends on the process (no
``hash()``, no dict order) or on byte order. The one dependency is the Unicode database behind
``\\w`` and ``casefold``: a character assigned only in a later Unicode version tokenizes as a
word character there; text in assigned scripts is unaffected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["BITS", "SHINGLE", "fingerprint", "hamming", "simhash"]

BITS = 64
# Words per shingle: three keep word order (a reordered sentence is a different text) while a
# one-word edit touches only three shingles of a body's hundreds.
SHINGLE = 3
P = 0x100000001B3  # odd, so it has an inverse modulo 2**64 (step 3 divides positions out)
K1, K2, K3 = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9

_NON_WORD = re.compile(r"\W+")


def simhash(text: str) -> int | None:
    """The 64-bit SimHash of ``text`` as a number (steps 2-5 of the module's algorithm); None
    for a text without a word."""
    import numpy as np  # py3langid's dependency; imported here, where it is needed

    # Step 2 as one substitution: the runs between tokens become one NUL each (no token holds a
    # NUL), so the tokens are never Python strings of their own.
    joined = _NON_WORD.sub("\0", text.casefold()).strip("\0")
    if not joined:
        return None
    u64 = np.uint64
    # Step 3 for every token at once: the tokens' bytes, NUL-separated (a NUL byte adds nothing to
    # a sum), weighted by P**position in the whole blob; a token's sum divided by P**(its start)
    # (times the inverse's power) is its own polynomial.
    data = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8).astype(u64)
    powers, inverses = _powers(len(data))
    starts = np.concatenate(([0], np.flatnonzero(data == 0) + 1))
    with np.errstate(over="ignore"):
        sums = np.add.reduceat(data * powers[: len(data)], starts)
        hashes = _fmix(sums * inverses[starts])
        if len(hashes) < SHINGLE:
            hashes = np.concatenate((hashes, np.zeros(SHINGLE - len(hashes), dtype=u64)))
        shingles = _fmix(hashes[:-2] * u64(K1) + hashes[1:-1] * u64(K2) + hashes[2:] * u64(K3))
    # One row of 64 bits per shingle, most significant first; the column sums count, per bit,
    # the shingles that set it: set - clear = 2 * set - shingles.
    bits = np.unpackbits(shingles.astype(">u8").view(np.uint8).reshape(-1, 8), axis=1)
    ones = 2 * bits.sum(axis=0, dtype=np.int64) > len(shingles)
    return int.from_bytes(np.packbits(ones).tobytes(), "big")


_POWERS: list[Any] = []  # [P**i, P**-i for i < n] modulo 2**64, grown as longer texts come


def _powers(n: int) -> tuple[Any, Any]:
    """P**i and its inverse for i up to at least ``n`` (uint64 arrays, kept for the next text)."""
    import numpy as np

    if not _POWERS or len(_POWERS[0]) < n:
        size = max(n, 2 * len(_POWERS[0]) if _POWERS else 1 << 14)
        arrays = []
        for factor in (P, pow(P, -1, 1 << BITS)):
            steps = np.full(size, factor, dtype=np.uint64)
            steps[0] = 1  # position 0: the factor to the power 0
            with np.errstate(over="ignore"):
                arrays.append(np.cumprod(steps))
        _POWERS[:] = arrays
    return _POWERS[0], _POWERS[1]


def _fmix(x: Any) -> Any:
    """SplitMix64's finalizer over an array of uint64 (wrapping)."""
    import numpy as np

    u64 = np.uint64
    x = x ^ (x >> u64(30))
    x = x * u64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> u64(27))
    x = x * u64(0x94D049BB133111EB)
    return x ^ (x >> u64(31))


def fingerprint(body: Iterable[str]) -> str | None:
    """The fingerprint of a body (its paragraphs), as 16 lowercase hex digits; None for a body
    without a word.

    >>> fingerprint(["The harbour reopened on Monday after the storm."])
    '4b8702260e25829e'
    """
    value = simhash("\n".join(body))
    return None if value is None else f"{value:016x}"


def hamming(a: int, b: int) -> int:
    """How many of the 64 bits differ between two fingerprints (as numbers)."""
    return (a ^ b).bit_count()
