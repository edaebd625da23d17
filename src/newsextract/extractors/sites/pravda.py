"""Ukrainska Pravda family: pravda.com.ua (Ukrainian, /rus/, /eng/), epravda.com.ua, eurointegration.com.ua.

Every layout era is recognised from the DOM, never from the URL date: the same article is served
in the layout of the day it is fetched (see ../shared/sites/pravda/DOM.md).

    E1  table layout (to 2014)          div.block61: h1.title, span.dt2, div.text
    E2  BEM v1 (2015-2016)              div.post_news: h1.post_news__title, div.post_news__date, div.post_news__text
    E3  BEM v2 (2017-2020), epravda /   h1.post__title, div.post__time, span.post__author, div.post__text
        eurointegration 2020-2024
    E4  post_* (2020/21 - mid 2025)     h1.post_title, div.post_time > span.post_author, div.post_text
    E5  post_news_* / post_article_*    h1.post_news_title, div.post_news_date > span.post_news_author,
        (late 2025 on)                  div.post_news_text; articles: a.post_article_author_item

Selectors are listed newest era first in each Field.
"""

from __future__ import annotations

import re

from ...document import Document
from ...normalize.text import absolute_url, clean_text, split_url
from ...record import Image
from ..base import Field, SiteExtractor, attr, jsonld
from ..raw import RawArticle

__all__ = ["PravdaExtractor"]

# Paragraphs inside the body container that are appeals or cross-links, not article text
# (DOM.md section 10; fundus, Kutepov and pchr8 scrapers).
_NOT_ARTICLE_TEXT = re.compile(
    r"^(?:support up\b|.*\bbecome our patron\b|.*\bfollow (?:us|ukrainska pravda) on (?:twitter|x)\b|read (?:also|more):"
    r"|читайте (?:також|также|більше|больше|детальніше|подробнее)\b|вас (?:також|также) мо\w+ зацікав\w*"
    r"|вас также может заинтересовать|знати більше:|знать больше:|посилання скопійовано|ссылка скопирована"
    r"|(?:all about|все про|теми|темы|subjects):)",
    re.IGNORECASE,
)
_EDITION_LANGUAGE = {"eng": "en", "rus": "ru"}


class PravdaExtractor(SiteExtractor):
    """Ukrainska Pravda family, news and articles/columns, layout eras E1 to E5, all editions."""

    name = "pravda"
    domains = ("pravda.com.ua", "epravda.com.ua", "eurointegration.com.ua")
    timezone = "Europe/Kyiv"
    languages = ("uk", "ru", "en")
    body_required = True
    # A page of this family without a byline has none (news items): no generic guess.
    trust_missing = ("authors", "tags", "images")
    test_urls = (
        "https://www.pravda.com.ua/eng/news/2024/07/12/7465312/",
        "https://www.pravda.com.ua/rus/articles/2026/01/08/8015225/",
        "https://epravda.com.ua/tehnologiji/yak-v-ukrajini-813313/",
        "https://www.eurointegration.com.ua/news/2023/11/13/7174012/",
    )
    strip = (
        ".advtext_mob",
        ".advtext",
        ".advtext_desk",
        ".advtext1",
        ".nts-ad",
        "[class*=unit_][class*=banner]",
        "aside.post_news_service",
        "aside.post_article_service",
        ".post_views",
        ".post_statistic",
        "aside.section_other_news",
        ".fb-comments",
        "comentario-comments",
        ".block_related",
        ".block_comments",
        ".post__social-container",
        ".post__statistic",
        ".post__social_bottom",
        ".hint_box",
        ".tooltip",
    )

    title = Field(
        "h1.post_news_title",
        "h1.post_article_title",
        "h1.post_title",
        "h1.post__title",
        "h1.post_news__title",
        ".block61 h1.title",
        jsonld("headline"),
    )
    authors = Field(
        "span.post_news_author a",
        "a.post_article_author_item span.post_author_name",
        "div.post_time span.post_author a",
        "div.post_time span.post_author",
        "span.post__author a",
        "span.post__author",
        "div.post_news__author",
        jsonld("author.name"),
        many=True,
    )
    published = Field(
        jsonld("datePublished"),
        "div.post_news_date",
        "span.post_author_date",
        "div.post_time",
        "div.post__time",
        "div.post_news__date",
        ".block61 span.dt2",
    )
    modified = Field(jsonld("dateModified"))
    body = Field(
        "div.post_news_text",
        "div.post_article_text",
        "div.post_text",
        "div.post__text",
        "div.post_news__text",
        ".block61 div.text",
        html=True,
        clean=(
            "p.tags",
            "table.tb_center td.tb_text",
            ".image-box__caption",
            ".image-box__author",
            "blockquote.twitter-tweet",
        ),
    )
    tags = Field(
        "div.post_news_tags a",
        "div.post_tags span.post_tags_item a",
        "div.post__tags span.post__tags__item a",
        "div.post__tags a",
        ".block61 div.text p.tags a",
        jsonld("keywords"),
        many=True,
    )
    image = Field(
        attr("div.post_news_photo img", "src"),
        attr("div.post_article_header_media img", "src"),
        attr("img.post_photo_news_img", "src"),
        attr("img.post_news__photo__img", "src"),
    )
    image_caption = Field("div.post_news_photo_captain", "div.post_photo_about div.post_photo_caption")
    image_credit = Field(
        "div.post_news_photo_source",
        "div.post_article_header_media_source",
        "div.post_photo_author",
        "div.post_news__photo__author",
    )

    def extract(self, doc: Document) -> RawArticle:
        # Why code: images inside the text (div.image-box, with their caption and credit) are
        # read before the body Field strips those captions from the text; they follow the lead
        # photo in ``images`` (it is one of them on pages without a lead photo block).
        inline = _inline_images(doc)
        raw = super().extract(doc)
        seen = {image.url for image in raw.images or ()}
        raw.images = [*(raw.images or ()), *(image for image in inline if image.url not in seen)] or None
        return raw

    def postprocess(self, raw: RawArticle, doc: Document) -> RawArticle:
        # Why code: the edition is a URL prefix (/eng/, /rus/), and appeal / cross-link paragraphs are
        # recognised by their words, not by markup (they are plain <p> inside the body container).
        raw.language = _edition_language(doc.url or doc.canonical)
        if raw.body:
            raw.body = [b for b in raw.body if not _NOT_ARTICLE_TEXT.match(b.text)]
        return raw


def _inline_images(doc: Document) -> list[Image]:
    """The div.image-box images of the text, in order, with caption and credit (DOM.md 1.3)."""
    images = []
    for box in doc.body.css("div.image-box"):
        img = box.css_first("img")
        src = img.attributes.get("src") or img.attributes.get("data-src") if img is not None else None
        if not src:
            continue
        caption, credit = (box.css_first(sel) for sel in (".image-box__caption", ".image-box__author"))
        images.append(
            Image(
                url=absolute_url(src, doc.url or doc.canonical),
                caption=clean_text(caption.text()) or None if caption is not None else None,
                credit=clean_text(credit.text()) or None if credit is not None else None,
            )
        )
    return images


def _edition_language(url: str | None) -> str:
    parts = split_url(url)
    first = parts.path.strip("/").split("/", 1)[0] if parts is not None else ""
    return _EDITION_LANGUAGE.get(first, "uk")
