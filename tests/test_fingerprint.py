"""The fingerprint: its documented algorithm, pinned digits, and the SimHash properties."""

from __future__ import annotations

import hashlib
import random
import re

import pytest

import newsextract
from newsextract.normalize.fingerprint import fingerprint, hamming, simhash

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
    assert fingerprint(BODY) == "1516ddfa1c78fc6c"


def test_one_shingle_is_its_blake2b_digest() -> None:
    """Steps 3-4 of the documented algorithm, checked independently: a text of one shingle (up
    to three words) has the fingerprint of that shingle's own 64-bit digest."""
    for text in ("a b", "Київ вітає весну", "storm"):
        digest = hashlib.blake2b(text.casefold().encode("utf-8"), digest_size=8).hexdigest()
        assert fingerprint([text]) == digest


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
    for _ in range(50):
        body = article_text(rng)
        edited = list(body)
        words = edited[3].split()
        words[rng.randrange(len(words))] = "correction"
        edited[3] = " ".join(words)
        assert edited != body
        a, b = simhash("\n".join(body)), simhash("\n".join(edited))
        assert a is not None and b is not None
        assert hamming(a, b) <= 6


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
