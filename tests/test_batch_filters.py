"""Batch filters: --site before a record is read, --language and --since/--until after
extraction; every record either a line or a counted skip; resume with filters."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from newsextract.batch import iter_results, run
from newsextract.batch import sources as sources_module
from newsextract.batch.filters import on_sites
from newsextract.batch.options import Options

from .warcs import write_warc

VOCABULARY = (
    "harbour storm ferry council river bridge school budget election minister court police hospital "
    "train station market festival museum library weather farmers prices energy water village mayor "
    "report plan road workers union strike contract vote summer winter island coast fishing boats "
    "museum teachers pupils doctors nurses clinic tram bus airport runway cargo grain wheat harvest"
).split()
UK = (
    "Київ вітає весну: у місті відкрили нову бібліотеку на березі Дніпра, де читачі можуть брати "
    "книжки і слухати лекції про історію міста та його мостів."
)


# The capture time of the test archives: after every published date in them (a date later than
# its capture is dropped by extraction).
CAPTURED = "2024-08-01T00:00:00Z"


def story(seed: int) -> list[str]:
    """Six paragraphs of invented English news text, different for every seed."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(VOCABULARY) for _ in range(30)).capitalize() + "." for _ in range(6)]


def article(seed: int, *, published: str | None = "2024-07-12T10:00:00+03:00", paragraphs=None) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or story(seed)))
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (
        f"<html><head><title>Story {seed}</title>{meta}</head><body>"
        f"<article><h1>Story number {seed}</h1>{body}</article></body></html>"
    ).encode()


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


SITES = [
    "herald.example",
    "www.herald.example",
    "news.eherald.example",
    "eherald.example",
    "gazette.co.uk",
    "x.example",
]


@pytest.fixture
def many_sites(tmp_path: Path) -> Path:
    records = [(f"https://{SITES[i % len(SITES)]}/news/{i}", "text/html", article(i)) for i in range(30)]
    records.append(("https://x.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32))
    return write_warc(tmp_path / "sites.warc.gz", records, date=CAPTURED)


def test_on_sites_compares_whole_labels() -> None:
    sites = frozenset({"herald.example"})
    assert on_sites("https://www.herald.example/news/1", sites)
    assert on_sites("https://HERALD.example./x", sites)
    assert not on_sites("https://eherald.example/x", sites)  # a lookalike is another site
    assert not on_sites("https://herald.example.evil.example/x", sites)
    assert (
        not on_sites(None, sites) and not on_sites("not a url", sites) and not on_sites("http://[::1", sites)
    )


def test_site_keeps_listed_domains_and_their_subdomains(many_sites: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = run([many_sites], out, workers=1, sites="herald.example,gazette.co.uk")
    got = lines(out)
    assert {g["site"] for g in got} == {"herald.example", "gazette.co.uk"}
    assert len(got) == 15  # herald.example, www.herald.example and gazette.co.uk: 3 of every 6 records
    assert summary.to_dict() == {
        "ok": 15,
        "not_article": 0,
        "errors": 0,
        "skipped": 0,
        "filtered": {"site": 16},  # the off-site image is left out by site, unread
        "total": 31,
    }


def test_site_decides_before_the_record_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An off-site record is not read at all: one larger than the size limit is no error, and
    the reader of records is called for the listed site's records only."""
    warc = write_warc(
        tmp_path / "big.warc.gz",
        [
            ("https://other.example/huge", "text/html", article(1) + b" " * 5000),
            ("https://herald.example/a", "text/html", article(2)),
            ("https://other.example/b", "text/html", article(3)),
        ],
    )
    read: list[str] = []
    real = sources_module._record

    def counting(record, source, max_bytes):  # type: ignore[no-untyped-def]
        read.append(record.headers.get("WARC-Target-URI"))
        return real(record, source, max_bytes)

    monkeypatch.setattr(sources_module, "_record", counting)
    results = list(iter_results([warc], sites=["herald.example"], max_bytes=4000))
    assert read == ["https://herald.example/a"]
    assert [(item.skip, line is None) for item, line in results] == [
        ("site", True),
        (None, False),
        ("site", True),
    ]
    unfiltered = list(iter_results([warc], max_bytes=4000))
    assert unfiltered[0][1] is not None and unfiltered[0][1]["error"]["kind"] == "InputTooLargeError"


def test_site_applies_to_urls_before_they_are_fetched(tmp_path: Path) -> None:
    """URL lists and JSONL url lines off the sites are left out unfetched (these URLs would
    fail: nothing listens there); a JSONL page with its url is judged by it; a page whose URL
    comes only with the page is judged by the record's url."""
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/a\nhttp://127.0.0.1:9/b\n")
    jsonl = tmp_path / "pages.jsonl"
    rows = [
        {"url": "http://127.0.0.1:9/c"},
        {"url": "https://www.herald.example/d", "html": article(4).decode()},
        {"url": "https://elsewhere.example/e", "html": article(5).decode()},
        {
            "html": article(6)
            .decode()
            .replace("<head>", '<head><link rel="canonical" href="https://herald.example/f">')
        },
        {"html": article(7).decode()},  # no URL at all: not on the site
    ]
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.jsonl"
    summary = run([urls, jsonl], out, workers=1, sites=["herald.example"])
    assert [g["url"] for g in lines(out)] == ["https://www.herald.example/d", "https://herald.example/f"]
    assert summary.filtered == {"site": 5} and summary.errors == 0 and summary.total == 7


def test_language_keeps_the_listed_languages(tmp_path: Path) -> None:
    uk_page = (
        "<html><body><article><h1>Новина</h1>" + f"<p>{UK}</p>" * 4 + "</article></body></html>"
    ).encode()
    warc = write_warc(
        tmp_path / "lang.warc.gz",
        [("https://a.example/en1", "text/html", article(1)), ("https://a.example/uk", "text/html", uk_page)]
        + [("https://a.example/en2", "text/html", article(2))],
    )
    summary = run([warc], tmp_path / "uk.jsonl", workers=1, languages="uk")
    assert [g["language"] for g in lines(tmp_path / "uk.jsonl")] == ["uk"]
    assert summary.filtered == {"language": 2}
    summary = run([warc], tmp_path / "both.jsonl", workers=1, languages=["uk", "EN"])
    assert len(lines(tmp_path / "both.jsonl")) == 3 and not summary.filtered


def test_since_until_on_the_published_date(tmp_path: Path) -> None:
    dates = [
        "2024-07-11T23:30:00+03:00",
        "2024-07-12T00:10:00+03:00",
        "2024-07-13T23:59:00+03:00",
        "2024-07-14T00:01:00+03:00",
        None,
    ]
    warc = write_warc(
        tmp_path / "dates.warc.gz",
        [(f"https://a.example/{i}", "text/html", article(i, published=d)) for i, d in enumerate(dates)],
        date=CAPTURED,
    )
    out = tmp_path / "out.jsonl"
    summary = run([warc], out, workers=1, since="2024-07-12", until="2024-07-13")
    assert [g["published"] for g in lines(out)] == dates[1:3]  # a date covers its whole day, site-local
    assert summary.filtered == {"date": 2, "no_date": 1} and summary.total == 5
    summary = run([warc], tmp_path / "since.jsonl", workers=1, since="2024-07-13")
    assert len(lines(tmp_path / "since.jsonl")) == 2 and summary.filtered == {"date": 2, "no_date": 1}


def test_errors_are_never_filtered(tmp_path: Path) -> None:
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_text("not json\n")
    summary = run(
        [jsonl], tmp_path / "out.jsonl", workers=1, sites="herald.example", languages="uk", since="2024-01-01"
    )
    assert summary.errors == 1 and not summary.filtered
    assert lines(tmp_path / "out.jsonl")[0]["error"]["kind"] == "BadInputLine"


def test_several_workers_filter_alike(many_sites: Path, tmp_path: Path) -> None:
    one = run([many_sites], tmp_path / "one.jsonl", workers=1, sites="herald.example", since="2024-07-12")
    two = run([many_sites], tmp_path / "two.jsonl", workers=2, sites="herald.example", since="2024-07-12")
    assert one.to_dict() == two.to_dict() and one.filtered == {"site": 21}
    assert lines(tmp_path / "one.jsonl") == lines(tmp_path / "two.jsonl")


def test_resume_with_filters_skips_the_same_records_and_loses_none(many_sites: Path, tmp_path: Path) -> None:
    whole = tmp_path / "whole.jsonl"
    expected = run([many_sites], whole, workers=1, sites="herald.example")
    cut = tmp_path / "cut.jsonl"
    written = whole.read_text().splitlines(keepends=True)
    cut.write_text("".join(written[:4]) + written[4][:50])  # killed while writing line 5
    resumed = run([many_sites], cut, workers=2, sites="herald.example", resume=True)
    assert cut.read_text() == whole.read_text()
    assert resumed.to_dict() == expected.to_dict()


@pytest.mark.parametrize(
    "options",
    [
        {"sites": "not a domain"},
        {"sites": ["herald.example", "localhost"]},
        {"languages": "english"},
        {"since": "yesterday"},
        {"since": "2024-07-13", "until": "2024-07-12"},
        {"dedupe": "yes"},
    ],
)
def test_filters_that_cannot_work_are_a_value_error(options: dict) -> None:
    with pytest.raises(ValueError):
        Options(**options)


def test_cli_filters_and_their_summary(many_sites: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "newsextract", "batch", str(many_sites), "-o", str(out), "--quiet"]
    done = subprocess.run(
        [
            *cmd,
            "--site",
            "herald.example",
            "--site",
            "gazette.co.uk",
            "--language",
            "en",
            "--until",
            "2024-07-11",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text() == ""
    assert "batch: skipped: site 16, date 15\n" in done.stderr
    bad = subprocess.run(
        [*cmd, "--force", "--site", "pravda com"], capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and "not a domain name" in bad.stderr and "Traceback" not in bad.stderr
    bad = subprocess.run(
        [*cmd, "--force", "--since", "2024-07-13", "--until", "2024-07-12"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "after" in bad.stderr and "Traceback" not in bad.stderr
