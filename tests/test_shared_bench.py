"""Every page of the public body benchmark (../shared) gives a valid record through the CLI path."""

from __future__ import annotations

import gzip

import jsonschema
import pytest

import newsextract

from .conftest import shared_dir


def test_every_benchmark_page_gives_a_valid_record() -> None:
    html_dir = shared_dir("bench", "scrapinghub", "html")
    schema = newsextract.json_schema()
    validator = jsonschema.Draft202012Validator(schema)
    failures = []
    pages = sorted(html_dir.glob("*.html.gz"))
    assert len(pages) == 181
    for path in pages:
        try:
            record = newsextract.extract(gzip.decompress(path.read_bytes())).to_dict()
        except newsextract.NewsExtractError as exc:
            failures.append(f"{path.name}: {exc.kind}: {exc}")
            continue
        errors = list(validator.iter_errors(record))
        if errors or not record["body"]:
            failures.append(f"{path.name}: {errors[:1]}")
    assert failures == []


@pytest.mark.parametrize("site_rules", [True, False])
def test_benchmark_page_through_cli_module(site_rules: bool) -> None:
    from newsextract.cli import main

    html_dir = shared_dir("bench", "scrapinghub", "html")
    page = sorted(html_dir.glob("*.html.gz"))[0]
    args = ["extract", str(page)] + ([] if site_rules else ["--no-site-rules"])
    assert main(args) == 0
