"""The generic extractor on a page written for these tests (fixtures/generic)."""

from __future__ import annotations

import pytest

import newsextract

URL = "https://www.riverside-courier.example/2030/06/02/harbour-seals-canal/"


@pytest.fixture
def article(fixtures) -> newsextract.Article:
    return newsextract.extract(
        (fixtures / "generic" / "wp-news-graph.html").read_bytes(), URL, site_rules=False
    )


def test_metadata(article: newsextract.Article) -> None:
    assert article.extractor == "generic"
    assert article.title == "Harbour seals return to the old canal"
    assert article.authors == ("Alys Penhallow", "Tomas Greave")  # byline beats the shorter JSON-LD list
    assert article.published == "2030-06-02T08:30:00+01:00"
    assert article.modified == "2030-06-02T10:12:00+01:00"
    assert article.language == "en"
    assert article.site == "riverside-courier.example"
    assert article.section == "Nature"
    assert article.tags == ("wildlife", "canals")


def test_body_in_order_with_subheading(article: newsextract.Article) -> None:
    assert article.body[0].startswith("A family of harbour seals")
    assert article.body[-1].startswith("Volunteers will watch the basin")
    assert "Cleaner water" in article.body
    assert len(article.body) == 7


@pytest.mark.parametrize(
    "chrome",
    [
        "Share on Facebook",
        "Sign up for our daily",
        "Otters spotted",
        "12 comments",
        "Great news, I saw them",
        "Most read",
        "All rights reserved",
        "Photo: Courier reader",
        "Staff Writers",
        "Home",
    ],
)
def test_chrome_is_not_in_body(article: newsextract.Article, chrome: str) -> None:
    assert not any(chrome in p for p in article.body)


def test_quote_with_speaker(article: newsextract.Article) -> None:
    assert [(q.speaker, q.paragraph) for q in article.quotes] == [("Mirela Stanek", 2)]
    assert article.quotes[0].text.startswith("We had to look twice")


def test_article_split_into_sibling_cards_is_taken_whole(fixtures) -> None:
    art = newsextract.extract(
        (fixtures / "generic" / "split-cards.html").read_bytes(), "https://valley.example/n/1"
    )
    assert len(art.body) == 7
    assert art.body[0].startswith("The first night train") and art.body[-1].startswith(
        "For the valley's hotels"
    )
    assert not any("Read next" in p for p in art.body)


def test_cards_nested_deeper_than_the_scored_levels() -> None:
    card = "".join(
        f"<p>Paragraph {i} of card {{n}}, with commas, long enough to be article text, and more words here.</p>"
        for i in range(2)
    )
    deep = "<div><div><div><div><div>{}</div></div></div></div></div>"  # section is 6 levels up: unscored
    cards = "".join(deep.format(card.format(n=n)) for n in range(4))
    html = f"<html><body><div id='wrap'><h1>Deep cards</h1><section>{cards}</section></div></body></html>"
    art = newsextract.extract(html, "https://deep.example/1")
    assert len(art.body) == 8 and art.body[0].startswith("Paragraph 0 of card 0")
