"""The ``fingerprint`` of a body: a 64-bit SimHash of its word shingles.

Two bodies that differ in a few words (a syndicated wire story with another headline, a
corrected figure, a site's credit line) get fingerprints that differ in a few of their 64 bits;
unrelated bodies differ in about half of them (32). ``hamming`` counts the bits that differ.

The algorithm, exactly (so any implementation, in any language, gives the same digits):

1. Text: the paragraphs joined with a line feed.
2. Tokens: ``str.casefold()``, then the runs of Unicode word characters (Python's ``re``
   ``\\w``: letters, digits, marks of letters, underscore), in order. Punctuation, quote marks and
   spacing do not count, nor does case.
3. Shingles: every run of ``SHINGLE`` (3) consecutive tokens, the tokens joined by one space
   (U+0020); a text of fewer tokens is one shingle of all of them. No tokens: no fingerprint
   (``None``).
4. Hash of a shingle: ``hashlib.blake2b(shingle.encode("utf-8"), digest_size=8)``, its 8 bytes
   read as a big-endian unsigned 64-bit number. (A keyed, stable digest: never Python's
   ``hash()``, which is salted per process.)
5. Weights: every shingle weighs 1, once per occurrence. For each bit position i (0 = least
   significant), add the weight of every shingle whose hash has bit i set and subtract it for
   every shingle whose hash has it clear; bit i of the fingerprint is 1 where the sum is above 0
   (a tie is 0).
6. Text form: the number as 16 lowercase hexadecimal digits, zero-padded.

Stable across runs, platforms and Python versions: nothing in it depends on the process (no
``hash()``, no dict order) or on byte order. The one dependency is the Unicode database behind
``\\w`` and ``casefold``: a character assigned only in a later Unicode version tokenizes as a
word character there; text in assigned scripts is unaffected.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

__all__ = ["BITS", "SHINGLE", "fingerprint", "hamming", "simhash"]

BITS = 64
# Words per shingle: three keep word order (a reordered sentence is a different text) while a
# one-word edit touches only three shingles of a body's hundreds.
SHINGLE = 3

_WORD = re.compile(r"\w+")


def _shingles(tokens: list[str]) -> list[str]:
    """Every SHINGLE (3) consecutive tokens joined by a space; fewer tokens: one shingle of all."""
    if len(tokens) < SHINGLE:
        return [" ".join(tokens)]
    # An f-string per window of three (SHINGLE, spelled out): the fastest way CPython builds
    # them, a third of " ".join's time over a slice.
    return [f"{a} {b} {c}" for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False)]


def simhash(text: str) -> int | None:
    """The 64-bit SimHash of ``text`` as a number (steps 2-5 of the module's algorithm); None
    for a text without a word."""
    import numpy as np  # py3langid's dependency; imported here, where it is needed

    tokens = _WORD.findall(text.casefold())
    if not tokens:
        return None
    shingles = _shingles(tokens)
    digests = b"".join([hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest() for s in shingles])
    # One row of 64 bits per shingle, most significant first (the digest is big-endian); the
    # column sums count, per bit, the shingles that set it: set - clear = 2 * set - shingles.
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8).reshape(-1, 8), axis=1)
    ones = 2 * bits.sum(axis=0, dtype=np.int64) > len(shingles)
    return int.from_bytes(np.packbits(ones).tobytes(), "big")


def fingerprint(body: Iterable[str]) -> str | None:
    """The fingerprint of a body (its paragraphs), as 16 lowercase hex digits; None for a body
    without a word.

    >>> fingerprint(["The harbour reopened on Monday after the storm."])
    '8055c0e411d4b640'
    """
    value = simhash("\n".join(body))
    return None if value is None else f"{value:016x}"


def hamming(a: int, b: int) -> int:
    """How many of the 64 bits differ between two fingerprints (as numbers)."""
    return (a ^ b).bit_count()
