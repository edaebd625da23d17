"""newsextract.explain: the record with a trace of how the page was read, as data, JSON, an HTML
report (loaded in a real browser) and the `explain` subcommand."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import newsextract
from newsextract import Explanation, NotAnArticleError, ParseError, TracedBlock, explain, extract
from newsextract._explain import Trace

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "explain-article.html"
URL = "https://www.harbour-gazette.example/news/2025/03/02/night-ferry-returns"
PRAVDA_CASES = json.loads((FIXTURES / "pravda" / "cases.json").read_text())

# Pages of every kind the extractors handle: generic layouts, a comment thread, site rules.
RECORD_PAGES = [
    (PAGE, URL),
    (FIXTURES / "generic" / "body-comment-thread.html", None),
    (FIXTURES / "generic" / "body-standfirst.html", None),
    (FIXTURES / "generic" / "body-tail-chrome.html", None),
    (FIXTURES / "generic" / "wp-news-graph.html", None),
    (FIXTURES / "generic" / "split-cards.html", None),
    *[(FIXTURES / "pravda" / name, case["url"]) for name, case in sorted(PRAVDA_CASES.items())[:4]],
]


@pytest.fixture(scope="module")
def report() -> Explanation:
    return explain(PAGE.read_bytes(), URL)


@pytest.mark.parametrize(("page", "url"), RECORD_PAGES, ids=lambda v: getattr(v, "name", None) or "")
def test_the_record_is_the_same_with_and_without_a_recorder(page: Path, url: str | None) -> None:
    data = page.read_bytes()
    plain = extract(data, url).to_dict()
    assert extract(data, url, trace=Trace()).to_dict() == plain
    explained = explain(data, url)
    assert explained.article is not None and explained.article.to_dict() == plain


@pytest.mark.parametrize(("page", "url"), RECORD_PAGES, ids=lambda v: getattr(v, "name", None) or "")
def test_every_body_paragraph_is_a_kept_block_in_order(page: Path, url: str | None) -> None:
    explained = explain(page.read_bytes(), url)
    assert explained.article is not None
    kept = [b for b in explained.blocks if b.status == "kept"]
    assert [b.paragraph for b in kept] == list(range(len(explained.article.body)))
    assert [b.text for b in kept] == list(explained.article.body)
    assert all(b.rule != "not in the page's markup" for b in kept)


def _block(report: Explanation, text: str) -> TracedBlock:
    found = [b for b in report.blocks if b.text.startswith(text)]
    assert len(found) == 1, [b.text for b in report.blocks]
    return found[0]


def test_removed_blocks_name_their_rule(report: Explanation) -> None:
    nav = _block(report, "Sport")
    assert (nav.status, nav.rule, nav.detail, nav.element) == (
        "removed",
        "chrome element",
        "<nav>",
        "nav.primary",
    )
    share = _block(report, "Share on social media")
    assert (share.status, share.rule, share.detail) == ("removed", "chrome class", "share")
    assert _block(report, "Get the Harbour Gazette morning briefing").detail == "newsletter"
    assert _block(report, "Finally! I have been taking a taxi").detail == "comments"
    advert = _block(report, "Advertisement")
    assert (advert.status, advert.rule, advert.detail) == ("removed", "line rule", "chrome line")
    footer = _block(report, "© 2025 The Harbour Gazette")
    assert (footer.rule, footer.detail) == ("chrome element", "<footer>")


def test_blocks_are_in_page_order_with_outside_ones(report: Explanation) -> None:
    texts = [b.text for b in report.blocks]
    order = ["News", "Night ferry returns", "After two winters", "By Elin Marsh", "Share on social",
             "The harbour board", "Advertisement", "The returning boat", "Related stories", "© 2025"]  # fmt: skip
    positions = [next(i for i, t in enumerate(texts) if t.startswith(o)) for o in order]
    assert positions == sorted(positions)
    assert _block(report, "Night ferry returns").status == "outside"  # the headline is no body text
    assert _block(report, "By Elin Marsh").status == "outside"
    assert report.counts() == {
        "kept": len(report.article.body) if report.article else 0,
        "removed": sum(b.status == "removed" for b in report.blocks),
        "outside": sum(b.status == "outside" for b in report.blocks),
    }
    assert report.container == ("p.story-standfirst", "div.story-body")


def test_chrome_removed_inside_the_container_stands_where_it_stood() -> None:
    prose = "paragraph of the story, long enough to count as prose, with commas, and a few more words."
    page = (
        f"<html><body><article><h1>Ferry night</h1><div class=body><p>First {prose}</p>"
        f"<div class=share-bar><a href=#>Share this on social</a></div><p>Second {prose}</p>"
        f"<aside><p>An aside in the middle of the text</p></aside><p>Third {prose}</p></div></article></body></html>"
    )
    explained = explain(page)
    assert [(b.status, b.text.split()[0]) for b in explained.blocks] == [
        ("outside", "Ferry"),
        ("kept", "First"),
        ("removed", "Share"),
        ("kept", "Second"),
        ("removed", "An"),
        ("kept", "Third"),
    ]


def test_a_comment_thread_in_the_container_is_named() -> None:
    explained = explain((FIXTURES / "generic" / "body-comment-thread.html").read_bytes())
    thread = [b for b in explained.blocks if b.rule == "comment thread"]
    assert thread and all(b.status == "removed" for b in thread)
    assert any(b.text.startswith("Comment #2") for b in thread)


def test_site_rules_removals_and_postprocess() -> None:
    path, url = newsextract.example_page()
    explained = explain(path.read_bytes(), url)
    assert explained.extractor == "pravda"
    stripped = [b for b in explained.blocks if b.rule == "site rule strip"]
    assert {b.detail for b in stripped} >= {".block_related", ".advtext"}
    appeal = _block(explained, "Support UP or become our patron")
    assert (appeal.status, appeal.rule) == ("removed", "site rules (postprocess)")
    assert explained.sources["body"] == "site rule: div.post_text"
    title = [c for c in explained.candidates if c.field == "title"]
    assert title[0].kind == "site rule" and title[0].won
    assert sum(c.won for c in title) == 1


def test_candidates_show_where_each_value_stands_and_which_won(report: Explanation) -> None:
    def won(field: str) -> tuple[str, str, str]:
        (c,) = [c for c in report.candidates if c.field == field and c.won]
        return c.value, c.kind, c.source

    assert won("title") == ("Night ferry returns to the island route", "element", "h1.story-headline")
    assert won("published") == ("2025-03-02T22:15:00+01:00", "json-ld", "datePublished")
    assert won("modified") == ("2025-03-03T08:40:00+01:00", "json-ld", "dateModified")
    assert won("byline") == ("By Elin Marsh", "element", "span.story-byline")
    assert won("image") == ("https://img.harbour-gazette.example/ferry-night-1200.jpg", "meta", "og:image")
    published = {(c.kind, c.source): c for c in report.candidates if c.field == "published"}
    assert published[("meta", "article:published_time")].agrees  # the same instant, in UTC
    assert published[("url", "the URL's path")].value == "2025-03-02"
    assert not published[("url", "the URL's path")].won
    lost_title = [c for c in report.candidates if c.field == "title" and c.source == "<title>"]
    assert lost_title and not lost_title[0].won and not lost_title[0].agrees
    assert report.sources["title"] == "element: h1.story-headline"
    assert report.sources["published"] == "json-ld: datePublished"


def test_quotes_and_warnings_are_the_records(report: Explanation) -> None:
    assert report.article is not None
    assert report.quotes == report.article.quotes
    assert ("Ruth Calloway", 2) in {(q.speaker, q.paragraph) for q in report.quotes}
    assert report.warnings == report.article.warnings


def test_to_dict_is_json_and_complete(report: Explanation) -> None:
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["schema"] == "newsextract-explain/1"
    assert report.article is not None and data["article"] == report.article.to_dict()
    assert set(data["sources"]) == set(data["article"])
    assert set(data["candidates"]) == {"title", "byline", "authors", "published", "modified", "image"}
    assert {b["status"] for b in data["blocks"]} == {"kept", "removed", "outside"}
    assert data["counts"]["kept"] == len(data["article"]["body"])


def test_a_page_without_an_article_is_explained_without_a_record() -> None:
    page = b"<html><body><nav><a href='/a'>Home</a></nav><h1>Archive</h1><p>Nothing here.</p></body></html>"
    with pytest.raises(NotAnArticleError):
        extract(page)
    explained = explain(page)
    assert explained.article is None and explained.error and explained.error.startswith("NotAnArticleError")
    assert [b.status for b in explained.blocks if b.text == "Home"] == ["removed"]
    assert "No article" in explained.to_html()
    with pytest.raises(ParseError):
        explain(b"just text, no markup")


def test_html_report_escapes_page_text_and_requests_nothing(report: Explanation) -> None:
    html = report.to_html()
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    tree = LexborHTMLParser(html)
    assert not tree.css("script, link, img, iframe, [src]")
    assert all(not (n.attributes.get("href") or "").startswith(("http", "//")) for n in tree.css("[href]"))


# ------------------------------------------------------------------ the command line


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsextract", "explain", *args], capture_output=True, timeout=120
    )


def test_cli_writes_one_html_report(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    proc = run(str(PAGE), "--url", URL, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    html = out.read_text(encoding="utf-8")
    assert (
        html.startswith("<!DOCTYPE html>")
        and 'class="block kept"' in html
        and 'class="block removed"' in html
    )


def test_cli_json_matches_the_library() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newsextract", "explain", "-", "--format", "json", "--url", URL],
        input=PAGE.read_bytes(),
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == explain(PAGE.read_bytes(), URL).to_dict()


class _Site(BaseHTTPRequestHandler):
    """The test page at /news/..., nothing else (robots.txt is a 404: everything allowed)."""

    def do_GET(self) -> None:
        if self.path.startswith("/news/"):
            body = PAGE.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        else:
            body = b"not here"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_cli_explains_a_fetched_page_under_its_final_url(site: str) -> None:
    url = f"{site}/news/2025/03/02/night-ferry-returns"
    proc = run(url, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["url"] == url and data["article"]["fetched_at"] is not None
    assert data["counts"] == explain(PAGE.read_bytes(), url).counts()
    assert run(f"{site}/missing").returncode == 1


def test_cli_exit_codes(tmp_path: Path) -> None:
    stub = tmp_path / "stub.html"
    stub.write_text("<html><body><h1>Archive</h1><p>Nothing here.</p></body></html>")
    out = tmp_path / "stub.json"
    proc = run(str(stub), "-o", str(out))
    assert proc.returncode == 1 and b"NotAnArticleError" in proc.stderr
    assert json.loads(out.read_text())["article"] is None  # the report is written all the same
    missing = run(str(tmp_path / "missing.html"))
    assert missing.returncode == 1 and b"FileNotFoundError" in missing.stderr
    assert run(str(PAGE), "--format", "pdf").returncode == 2


# ------------------------------------------------------------------ in a real browser


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        if path := shutil.which(name):
            return path
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing: CI must install it (.ci/run does)")
    pytest.skip("chromium not installed")


def test_report_in_headless_chromium(tmp_path: Path, report: Explanation) -> None:
    chromium = _chromium()
    page = tmp_path / "report.html"
    page.write_text(report.to_html(), encoding="utf-8")
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", page.as_uri()],
        capture_output=True,
        timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = LexborHTMLParser(proc.stdout.decode("utf-8"))
    kept, removed = dom.css("li.block.kept"), dom.css("li.block.removed")
    assert len(kept) == report.counts()["kept"] and len(removed) == report.counts()["removed"]
    assert "chrome class: share" in " ".join(n.text() for n in removed)
    assert report.article is not None
    listed = {n.attributes.get("data-field") for n in dom.css("#record tr[data-field]")}
    assert listed == set(report.article.to_dict())
    assert not dom.css("script")  # the page's "<script>" stayed text
    assert any("<script>alert(1)</script>" in n.text() for n in kept)


def test_cli_example_page(tmp_path: Path) -> None:
    out = tmp_path / "example.json"
    proc = run("--example", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    path, url = newsextract.example_page()
    assert json.loads(out.read_text()) == explain(path.read_bytes(), url).to_dict()
    assert run("--example", str(PAGE)).returncode == 2
    assert run().returncode == 2


def test_the_docs_python_example_runs_and_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    doc = (Path(__file__).parent.parent / "docs" / "explain.md").read_text(encoding="utf-8")
    code = doc.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "docs/explain.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    said = [
        line.split("# ", 1)[1].strip()
        for line in code.splitlines()
        if line.startswith("print(") and "# " in line
    ]
    assert printed[0] == said[0] and printed[-1] == said[-1]


def test_a_date_found_in_the_running_text_is_a_text_candidate() -> None:
    explained = explain((FIXTURES / "generic" / "dates-footer-stand.html").read_bytes())
    (won,) = [c for c in explained.candidates if c.field == "published" and c.won]
    assert (won.kind, won.value) == ("text", "09.10.2017")
    assert explained.sources["published"] == "text: a date the text labels as the publication"


def test_a_body_read_from_script_data_is_marked_so() -> None:
    story = (
        "The harbour was quiet on Sunday, with only a few boats leaving before dawn, and the fish "
        "market closed early.\\n\\nTraders said the cold kept buyers away, and several stalls did "
        "not open at all, which is rare for the season in this town."
    )
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        f'"Quiet harbour", "articleBody": "{story}"}}</script></head><body><div class=app>'
        "<h1>Quiet harbour</h1><p>Loading the story, one moment please.</p></div></body></html>"
    )
    explained = explain(page)
    assert explained.article is not None and len(explained.article.body) == 2
    kept = [b for b in explained.blocks if b.status == "kept"]
    assert [b.rule for b in kept] == ["not in the page's markup"] * 2
    loading = _block(explained, "Loading the story")
    assert (loading.status, loading.rule) == ("removed", "shorter than the script data or <noscript> text")
