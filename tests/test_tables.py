"""Tables in the body: a data table is one paragraph per row, cells joined by " | "; a layout
table holding prose stays prose; Markdown renders the rows as a table (fixtures/generic/table-*)."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import newsextract
from newsextract import Field, SiteExtractor
from newsextract.extractors import _registered
from newsextract.extractors.blocks import data_table_columns, paragraphs
from newsextract.render import to_markdown, to_text

URL = "https://www.riverside-courier.example/2030/06/02/budget/"


def _extract(fixtures: Path, name: str) -> newsextract.Article:
    page = (fixtures / "generic" / f"table-{name}.html").read_bytes()
    return newsextract.extract(page, URL, site_rules=False)


def _rows(article: newsextract.Article) -> list[tuple[str, str]]:
    pairs = zip(article.body, article.body_tags, strict=True)
    return [(text, tag) for text, tag in pairs if tag in ("thead", "tr")]


def test_a_table_with_a_header_is_one_paragraph_per_row(fixtures: Path) -> None:
    article = _extract(fixtures, "thead")
    assert _rows(article) == [
        ("Department | 2024 | 2023", "thead"),
        ("Police | 40m | 38m", "tr"),
        ("Parks | 5m | 6m", "tr"),
        ("Libraries | 3m", "tr"),  # an empty last cell is not written
    ]
    assert "Police" not in article.body and "40m" not in article.body  # no paragraph per cell
    assert "Spending by department" not in article.body  # a caption, as everywhere
    rows_at = article.body.index("Department | 2024 | 2023")
    assert article.body[rows_at - 1].startswith("Residents who spoke")  # in page order
    assert article.body[rows_at + 4].startswith("The mayor said")


def test_a_long_table_without_header_cells_is_data_too(fixtures: Path) -> None:
    rows = _rows(_extract(fixtures, "headless"))
    assert len(rows) == 11
    assert rows[0] == ("Stage 1 | Harbour Road | 7 km | 2:11 h", "thead")
    assert rows[-1] == ("Stage 11 | Harbour Road | 77 km | 12:21 h", "tr")


def test_a_layout_table_holding_prose_stays_prose(fixtures: Path) -> None:
    article = _extract(fixtures, "layout-prose")
    assert not _rows(article)
    assert len(article.body) == 3
    assert all(" | " not in text for text in article.body)
    assert article.body[0].startswith("The city council met on Tuesday")


def test_merged_cells_keep_the_columns_in_line(fixtures: Path) -> None:
    assert _rows(_extract(fixtures, "merged")) == [
        ("Valley | Crates", "thead"),  # colspan=2: the spanned last column is not written
        ("| 2024 | 2023", "tr"),  # the first column is held by the rowspan above
        ("North | 1,200 | 1,050", "tr"),
        ("| 900 | 870", "tr"),
        ("South | not counted", "tr"),
    ]


def test_markdown_renders_the_rows_as_a_table_and_text_keeps_them(fixtures: Path) -> None:
    article = _extract(fixtures, "thead")
    markdown = to_markdown(article)
    assert (
        "| Department | 2024 | 2023 |\n| --- | --- | --- |\n| Police | 40m | 38m |\n"
        "| Parks | 5m | 6m |\n| Libraries | 3m |  |\n\n"
    ) in markdown
    text = to_text(article)
    assert "\n\nDepartment | 2024 | 2023\nPolice | 40m | 38m\nParks | 5m | 6m\nLibraries | 3m\n\n" in text


def test_markdown_escapes_cells_and_starts_a_table_at_each_first_row() -> None:
    article = newsextract.Article(
        url="https://news.example/a",
        body=("a|b | *c*", "1 | 2 | 3", "Between.", "x | y", "z | w"),
        body_tags=("thead", "tr", "p", "tr", "tr"),
    )
    assert to_markdown(article) == (
        "| a\\|b | \\*c\\* |  |\n| --- | --- | --- |\n| 1 | 2 | 3 |\n\n"
        "Between.\n\n"
        "| x | y |\n| --- | --- |\n| z | w |\n\n"
        "<https://news.example/a>\n"
    )


@pytest.mark.parametrize(
    ("html", "data"),
    [
        ("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>", True),
        (
            "<table role=presentation><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>",
            False,
        ),
        ("<table><tr><th>a</th><th>b</th></tr></table>", False),  # one row
        ("<table><tr><th>a</th></tr><tr><td>1</td></tr><tr><td>2</td></tr></table>", False),  # one column
        (
            "<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>",
            False,
        ),  # short, headless
        ("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td><p>x</p><p>y</p></td></tr></table>", False),
        (
            "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>" + "long " * 50 + "</td></tr></table>",
            False,
        ),
        (
            "<table><tr><th>a</th><th>b</th></tr><tr><td><table><tr><td>n</td></tr></table></td>"
            "<td>2</td></tr></table>",
            False,
        ),
        (
            "<table><tr><th><a href=/1>one</a></th><th><a href=/2>two</a></th></tr>"
            "<tr><td><a href=/3>three</a></td><td>4</td></tr></table>",
            False,  # mostly links: navigation
        ),
    ],
)
def test_what_makes_a_data_table(html: str, data: bool) -> None:
    table = LexborHTMLParser(html).css_first("table")
    assert (data_table_columns(table) is not None) is data


def test_empty_columns_are_left_out_and_cell_blocks_stay_in_their_row() -> None:
    html = (
        "<div><table><tr><th></th><th>Team</th><th> </th><th>Points</th></tr>"
        "<tr><td></td><td><p>Harbour <b>Rovers</b></p></td><td></td><td>12<br>(3 games)</td></tr>"
        "</table></div>"
    )
    blocks = paragraphs(LexborHTMLParser(html).body)
    assert [(b.text, b.tag) for b in blocks] == [
        ("Team | Points", "thead"),
        ("Harbour Rovers | 12 (3 games)", "tr"),
    ]


def test_site_rules_read_tables_the_same_way(fixtures: Path) -> None:
    before = list(_registered)
    try:

        @newsextract.register
        class Courier(SiteExtractor):
            domains = ("riverside-courier.example",)
            title = Field("h1")
            body = Field(".article-body", html=True)

        page = (fixtures / "generic" / "table-thead.html").read_bytes()
        article = newsextract.extract(page, URL)
    finally:
        _registered[:] = before
    assert article.extractor == Courier.name
    assert _rows(article)[:2] == [("Department | 2024 | 2023", "thead"), ("Police | 40m | 38m", "tr")]
