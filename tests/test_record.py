"""The record: exact keys and order, JSON round trip, and the JSON Schema."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

import newsextract
from newsextract import Article, Image, Quote

DESIGN_KEYS = [
    "schema",
    "url",
    "canonical_url",
    "site",
    "language",
    "extractor",
    "title",
    "description",
    "byline",
    "authors",
    "published",
    "modified",
    "body",
    "quotes",
    "background",
    "tags",
    "section",
    "images",
    "fetched_at",
    "warnings",
]


def sample() -> Article:
    return Article(
        url="https://example.com/a",
        title="T",
        authors=("A B",),
        published="2024-07-12T19:50:00+03:00",
        body=("One.", '"Two," she said.'),
        quotes=(Quote(text="Two", speaker="A B", paragraph=1),),
        images=(Image(url="https://example.com/i.jpg", credit="Photo: X"),),
    )


def test_to_dict_has_exactly_the_design_keys_in_order() -> None:
    assert list(sample().to_dict()) == DESIGN_KEYS


def test_to_json_round_trips_and_keeps_unicode() -> None:
    art = dataclasses.replace(sample(), title="Київ")
    text = art.to_json()
    assert "Київ" in text
    assert json.loads(text) == art.to_dict()


def test_record_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample().title = "x"  # type: ignore[misc]


def test_schema_validates_records_and_rejects_wrong_ones() -> None:
    schema = newsextract.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(sample().to_dict(), schema)
    bad = sample().to_dict() | {"published": "12 July 2024"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(sample().to_dict() | {"extra": 1}, schema)


def test_docstring_documents_every_field() -> None:
    doc = Article.__doc__ or ""
    for key in DESIGN_KEYS:
        assert f"{key}:" in doc, key


def test_the_record_keeps_the_capture_time_with_its_offset() -> None:
    html = (
        "<html><body><h1>Storm</h1>"
        + "<p>The storm closed the coast road on Monday, and it stays shut.</p>" * 5
        + "</body></html>"
    )
    assert newsextract.extract(html, "https://a.example/s", fetched_at="2024-05-01T10:00:00Z").fetched_at == (
        "2024-05-01T10:00:00+00:00"
    )
    assert newsextract.extract(html, "https://a.example/s").fetched_at is None
