"""The fingerprint: its documented algorithm, pinned digits, and the SimHash properties."""

from __future__ import annotations

import random
import re

import pytest

import newsextract
from newsextract.normalize.fingerprint import K1, K2, K3, P, fingerprint, hamming, simhash

BODY = [
    "The harbour in Marsden reopened on Monday morning, four days after the storm tore two cranes "
    "from their rails.",
    "Ferries to the islands will run on the winter timetable until the end of the month, the port "
    "authority said.",
    "«Ми відкрили причал раніше, ніж планували», — сказала Олена Коваль, директорка порту.",
]

WORDS = (
    "harbour storm ferry council river bridge school budget election minister court police "
    "hospital train station market festival museum library weather farmers prices energy "
    "water village mayor report plan road workers union strike contract vote summer winter"
).split()


def article_text(rng: random.Random, words: int = 250) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(25)) + "." for _ in range(words // 25)]


def test_the_fingerprint_of_a_fixed_text_is_pinned() -> None:
    # Computed once by this code and reviewed: a change here changes every record's fingerprint,
    # which breaks near-duplicate detection against earlier outputs.
    assert fingerprint(BODY) == "c1e343e78c8482b2"


MASK = (1 << 64) - 1


def _fmix(x: int) -> int:
    x ^= x >> 30
    x = x * 0xBF58476D1CE4E5B9 & MASK
    x ^= x >> 27
    x = x * 0x94D049BB133111EB & MASK
    return x ^ (x >> 31)


def reference(body: list[str]) -> str | None:
    """The module docstring's algorithm, written out word by word in plain Python."""
    tokens = re.findall(r"\w+", "\n".join(body).casefold())
    if not tokens:
        return None
    hashes = []
    for token in tokens:
        value = 0
        for position, byte in enumerate(token.encode("utf-8")):
            value = (value + byte * pow(P, position, 1 << 64)) & MASK
        hashes.append(_fmix(value))
    hashes += [0] * (3 - len(hashes))
    shingles = [
        _fmix((a * K1 + b * K2 + c * K3) & MASK)
        for a, b, c in zip(hashes, hashes[1:], hashes[2:], strict=False)
    ]
    value = 0
    for bit in range(64):
        if 2 * sum(shingle >> bit & 1 for shingle in shingles) > len(shingles):
            value |= 1 << bit
    return f"{value:016x}"


@pytest.mark.parametrize(
    "body",
    [
        BODY,
        ["storm"],
        ["a b"],
        ["Київ вітає весну"],
        ["x" * 300 + " y"],
        ["ǅ ß ﬁ ΣΑΣ 123 _x_"],
        BODY * 5,
        BODY * 60,
    ],
)
def test_the_fast_code_is_the_documented_algorithm(body: list[str]) -> None:
    assert fingerprint(body) == reference(body)


def test_form_and_empty_body() -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", fingerprint(BODY) or "")
    assert fingerprint([]) is None
    assert fingerprint(["", "—  «»  ..."]) is None  # no word character at all
    assert simhash("") is None


def test_case_punctuation_and_spacing_do_not_count() -> None:
    noisy = [p.upper().replace(",", " ;").replace(" ", "   ") for p in BODY]
    assert fingerprint(noisy) == fingerprint(BODY)
    assert fingerprint([" ".join(BODY)]) == fingerprint(BODY)  # paragraph breaks are spacing too


def test_a_small_edit_changes_few_bits() -> None:
    rng = random.Random(31)
    distances = []
    for _ in range(50):
        body = article_text(rng)
        edited = list(body)
        words = edited[3].split()
        words[rng.randrange(len(words))] = "correction"
        edited[3] = " ".join(words)
        assert edited != body
        a, b = simhash("\n".join(body)), simhash("\n".join(edited))
        assert a is not None and b is not None
        distances.append(hamming(a, b))
    # Three of a body's ~250 shingles change: a few bits, far below unrelated texts' 32.
    assert sum(distances) / len(distances) <= 4
    assert max(distances) <= 12


def test_unrelated_texts_differ_in_about_half_the_bits() -> None:
    rng = random.Random(7)
    values = [simhash("\n".join(article_text(rng))) for _ in range(60)]
    distances = [hamming(a, b) for i, a in enumerate(values) for b in values[i + 1 :] if a and b]
    mean = sum(distances) / len(distances)
    assert 28 <= mean <= 36
    assert min(distances) > 10  # no two unrelated texts look near-duplicate


def test_the_record_carries_the_fingerprint_of_its_body() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY * 2)
    html = f"<html><body><article><h1>Harbour reopens</h1>{paragraphs}</article></body></html>"
    art = newsextract.extract(html, "https://news.example/harbour")
    assert art.fingerprint == fingerprint(art.body)
    assert art.to_dict()["fingerprint"] == art.fingerprint


@pytest.mark.parametrize("value", ["1516ddfa1c78fc6c", None])
def test_the_schema_admits_the_fingerprint(value: str | None) -> None:
    import jsonschema

    record = {**newsextract.Article(url="https://a.example/x").to_dict(), "fingerprint": value}
    jsonschema.validate(record, newsextract.json_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**record, "fingerprint": "1516DDFA1C78FC6C"}, newsextract.json_schema())
