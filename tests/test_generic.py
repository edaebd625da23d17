"""The generic extractor on a page written for these tests (fixtures/generic)."""

from __future__ import annotations

import json

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


def test_post_written_as_lists_is_found() -> None:
    """Release notes and weekly digests: the prose sits in <li>, not in <p>."""
    items = "".join(
        f"<li>Item {i} of the digest, with commas, long enough to count as prose, and then some more.</li>"
        for i in range(6)
    )
    html = f"""<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/a'>About</a></li></ul></nav>
    <article><h1>Weekly digest</h1><div class='entry-content'><h3>Highlights</h3><ul>{items}</ul>
    <h3>Fixes</h3><ul>{items}</ul></div></article>
    <div class='responses'><p>Great digest, thanks, I read it every week, and I share it too.</p>
    <p>Could you, next time, say more about the fixes, and the reasons for them?</p></div>
    <aside><ul><li><a href='/x'>Another post</a></li></ul></aside></body></html>"""
    art = newsextract.extract(html, "https://blog.example/digest", site_rules=False)
    assert sum(p.startswith("Item") for p in art.body) == 12
    assert not any(p.startswith(("Great digest", "Another post", "Home")) for p in art.body)


def _titled(head: str, h1s: str) -> newsextract.Article:
    text = "".join(
        f"<p>Paragraph {i} of the story, with commas, long enough to be article text, and more words.</p>"
        for i in range(4)
    )
    html = f"<html><head>{head}</head><body><header>{h1s}</header><article>{text}</article></body></html>"
    return newsextract.extract(html, "https://news.example/story", site_rules=False)


@pytest.mark.parametrize(
    "logo",
    [
        '<h1><a href="https://news.example/"><svg><title>Daily Example</title></svg></a></h1>',
        '<h1 class="site-logo"><a href="/en-US/">Daily Example</a></h1>',
        '<h1 class="visuallyHidden">Daily Example</h1>',
        '<h1><a href="/"><img alt="Daily Example" src="logo.png"><span>Daily Example</span></a></h1>',
    ],
)
def test_site_logo_h1_is_not_the_headline(logo: str) -> None:
    head = '<title>Storm closes the coast road | Daily Example</title><meta property="og:title" content="Storm closes the coast road">'
    art = _titled(head, logo + "<h1>Storm closes the coast road</h1>")
    assert art.title == "Storm closes the coast road"
    # With the site's name in <title> only, the logo h1 must not win as a "part" of <title>.
    art = _titled("<title>Storm closes the coast road | Daily Example</title>", logo)
    assert art.title == "Storm closes the coast road"


def test_section_link_inside_the_h1_is_not_headline_text() -> None:
    head = '<meta name="twitter:title" content="Council votes to reopen the ferry">'
    h1 = '<h1><span>Council votes to reopen the ferry</span><a href="/island.html">Island Edition</a></h1>'
    assert _titled(head, h1).title == "Council votes to reopen the ferry"


def test_widget_h1_loses_to_the_page_title_when_nothing_else_names_the_article() -> None:
    art = _titled("<title>Babies who eat peanuts early may avoid allergy</title>", "<h1>Health Center</h1>")
    assert art.title == "Babies who eat peanuts early may avoid allergy"
    # A long <title> loses the site's name after its last separator; a short one is kept whole.
    art = _titled("<title>Babies who eat peanuts early may avoid allergy - Health Site</title>", "")
    assert art.title == "Babies who eat peanuts early may avoid allergy"
    art = _titled("<title>Google - Site Reliability Engineering</title>", "")
    assert art.title == "Google - Site Reliability Engineering"


def test_dublin_core_title() -> None:
    head = '<title>draft-example-storage-04 - remoteStorage</title><meta name="DC.Title" content="remoteStorage">'
    assert _titled(head, "").title == "remoteStorage"


def _bylined(head: str, page: str, url: str = "https://www.daily.example/story") -> newsextract.Article:
    text = "".join(
        f"<p>Paragraph {i} of the story, with commas, long enough to be article text, and more words.</p>"
        for i in range(4)
    )
    html = f"<html><head>{head}</head><body><h1>Storm closes the coast road</h1>{page}<article>{text}</article></body></html>"
    return newsextract.extract(html, url, site_rules=False)


def test_photo_credits_teaser_cards_and_comments_are_not_the_byline() -> None:
    page = """<figure><img src="a.jpg"><figcaption><p itemprop="author">Greg Lens</p></figcaption></figure>
    <div class="m-card"><a href="/author/kyle-wood">By Kyle Wood</a></div>
    <ul class="comment-list"><li><cite class="author">Jo Reader</cite></li></ul>
    <ul class="nav-sub-links"><li><a href="/author/andy-serwer">Andy Serwer</a></li></ul>
    <div class="byline">By <a rel="author" href="/author/austin-murphy">Austin Murphy</a></div>"""
    assert _bylined("", page).authors == ("Austin Murphy",)


def test_byline_agreeing_with_the_author_meta_wins() -> None:
    page = """<div class="byline">By Laura Teaser</div><div class="post-author">By Austin Murphy</div>"""
    head = '<meta name="author" content="Austin Murphy">'
    assert _bylined(head, page).authors == ("Austin Murphy",)


def test_one_link_per_author_gives_every_author() -> None:
    page = """<address><a rel="author" href="/profile/jcw">Julia Carrie Wong</a> and
    <a rel="author" href="/profile/sl">Sam Levin</a></address>"""
    assert _bylined("", page).authors == ("Julia Carrie Wong", "Sam Levin")


def test_profile_url_in_article_author_meta_is_read_from_its_link() -> None:
    head = '<meta property="article:author" content="https://www.daily.example/editors/jon-fingas">'
    page = '<div class="t-meta"><a href="/editors/jon-fingas">Jon Fingas</a>, @jfingas</div>'
    assert _bylined(head, page).authors == ("Jon Fingas",)


def test_written_by_label_of_the_twitter_card_names_the_author() -> None:
    head = """<meta name="twitter:label1" content="Reading time"><meta name="twitter:data1" content="4 minutes">
    <meta name="twitter:label2" content="Written by"><meta name="twitter:data2" content="Ellen Shore">"""
    assert _bylined(head, "").authors == ("Ellen Shore",)
    # Another label's value is not an author.
    head = (
        '<meta name="twitter:label1" content="Reading time"><meta name="twitter:data1" content="4 minutes">'
    )
    assert _bylined(head, "").authors == ()


@pytest.mark.parametrize(
    "page",
    ['<span class="writer">Mika Sato</span>', '<div id="byline">By Mika Sato</div>'],
)
def test_writer_class_and_byline_id_hold_the_byline(page: str) -> None:
    assert _bylined("", page).authors == ("Mika Sato",)


def test_a_day_without_time_is_completed_by_the_time_printed_for_it() -> None:
    head = '<meta name="date" content="2016-12-15">'
    page = '<div class="dateblock"><span class="date">December 15, 2016</span><span class="time">3:33 PM ET</span></div>'
    assert _bylined(head, page).published == "2016-12-15T15:33:00-05:00"
    # A time printed for another day (a related story) does not complete it.
    page = '<div class="related-stories"><span class="date">December 14, 2016</span><span class="time">3:33 PM ET</span></div>'
    assert _bylined(head, page).published == "2016-12-15"


def test_site_name_run_into_the_byline_is_cut() -> None:
    page = '<div class="byline">by Ikran Dahir BuzzFeed UK News Fellow</div>'
    assert _bylined("", page, "https://www.buzzfeed.example/article/x").authors == ("Ikran Dahir",)


def _ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


def test_organisation_named_as_author_in_structured_data_when_no_person_is() -> None:
    # ReportageNewsArticle is an article type; a newsroom without bylines names itself as author.
    head = _ld(
        '{"@type": "ReportageNewsArticle", "headline": "Storm closes the coast road",'
        ' "author": {"@type": "NewsMediaOrganization", "name": "Daily Example News"}}'
    )
    assert _bylined(head, "").authors == ("Daily Example News",)
    # A person printed in the byline wins over the organisation.
    assert _bylined(head, '<div class="byline">By Mika Sato</div>').authors == ("Mika Sato",)


def test_structured_data_author_given_as_given_and_family_name() -> None:
    head = _ld(
        '{"@type": "NewsArticle", "author": [{"@type": "Person", "givenName": "Anna Maria", "familyName": "Roth"},'
        ' {"@type": "Person", "givenName": "Jan", "familyName": "Weber"}]}'
    )
    assert _bylined(head, "").authors == ("Anna Maria Roth", "Jan Weber")


def test_agency_credited_in_the_structured_data_author() -> None:
    head = _ld('{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "dpa"}]}')
    assert _bylined(head, "").authors == ("dpa",)


def test_a_structured_date_that_does_not_read_as_one_gives_way_to_the_next() -> None:
    head = '<meta property="article:published_time" content="soon">'
    assert _bylined(head, '<time datetime="2021-03-04T10:00:00Z">4 March</time>').published == (
        "2021-03-04T10:00:00+00:00"
    )


def test_a_date_after_the_capture_is_not_the_publication() -> None:
    head = '<meta property="article:published_time" content="2031-01-01T10:00:00Z">'
    html = f"<html><head>{head}</head><body><h1>Storm closes the coast road</h1>"
    html += '<span class="date">4 March 2021</span><article>' + _prose("p", 4) + "</article></body></html>"
    article = newsextract.extract(
        html, "https://www.daily.example/s", site_rules=False, fetched_at="2021-03-05T08:00:00Z"
    )
    assert article.published == "2021-03-04"


def test_hatom_published_abbr_gives_the_date() -> None:
    page = '<abbr class="published" title="2020-03-01T10:00:00+01:00">1 March</abbr>'
    assert _bylined("", page).published == "2020-03-01T10:00:00+01:00"


def test_publication_date_in_the_page_data_layer() -> None:
    head = '<script>window.dataLayer = [{"pageType": "article", "first-publication": "2020-09-20T08:00:00+02:00"}]</script>'
    assert _bylined(head, "").published == "2020-09-20T08:00:00+02:00"


def test_a_publication_date_a_cms_calls_deployed() -> None:
    """Some CMSs say "deploy" for publish: in an app-state script and in data attributes."""
    head = '<script>self.state = {"article": {"deployDt": "2026.01.29 18:40", "reDeployDt": "2026.01.29 18:49"}}</script>'
    assert _bylined(head, "").published == "2026-01-29T18:40:00"
    page = '<div class="article-meta" data-deploy-dt="2026.01.29 18:40" data-re-deploy-dt="2026.01.29 18:49"></div>'
    assert _bylined("", page).published == "2026-01-29T18:40:00"


def test_dates_of_related_items_and_updates_are_not_the_publication() -> None:
    page = """<div class="related-stories"><time datetime="2019-01-01T09:00:00Z">1 Jan</time></div>
    <span class="date">Aktualisiert: 5. Mai 2021</span><span class="date">Veröffentlicht am 3. Mai 2021</span>"""
    assert _bylined("", page).published == "2021-05-03"


def test_dates_of_a_sidebar_before_the_main_text_are_not_the_publication() -> None:
    text = "".join(
        f"<p>Paragraph {i} of the story, with commas, long enough to be article text.</p>" for i in range(4)
    )
    html = f"""<html><body><aside><ul><li><a href="/old">An old story</a> <span class="date">1 Jan 2010</span>
    </li></ul></aside><main><h1>Storm closes the coast road</h1><p>Posted on 4 June 2021 by Ana</p>{text}</main>
    </body></html>"""
    assert (
        newsextract.extract(html, "https://www.daily.example/story", site_rules=False).published
        == "2021-06-04"
    )


@pytest.mark.parametrize(
    "page",
    [
        '<span class="autore">di Marco Rossi</span>',  # the class in the page's language
        '<div class="article-auteur">Par Marco Rossi</div>',
    ],
)
def test_bylines_of_the_european_press(page: str) -> None:
    assert _bylined("", page).authors == ("Marco Rossi",)


def test_a_date_line_that_names_the_author_is_the_byline() -> None:
    text = "".join(
        f"<p>Paragraphe {i} de l'article, avec des virgules, assez long pour du texte.</p>" for i in range(4)
    )
    html = f"""<html lang="fr"><body><header><h1>La route côtière fermée</h1>
    <div class="meta">Publié le 3 mai 2021 par Marco Rossi</div></header><article>{text}</article></body></html>"""
    assert newsextract.extract(html, "https://www.daily.example/story", site_rules=False).authors == (
        "Marco Rossi",
    )


def test_an_upper_case_byline_takes_the_spelling_of_the_author_meta() -> None:
    head = '<meta name="author" content="Anna McLean">'
    assert _bylined(head, '<div class="byline">BY ANNA MCLEAN</div>').authors == ("Anna McLean",)


def test_layout_wrapper_words_above_the_main_element_do_not_hide_its_byline() -> None:
    page = '<div class="grid-container-no-nav"><main><div class="byline">By Mika Sato</div></main></div>'
    assert _bylined("", page).authors == ("Mika Sato",)


def _prose(tag: str, n: int) -> str:
    return "".join(
        f"<p>{tag} paragraph {i}, with commas, long enough to be article text, and a few more words.</p>"
        for i in range(n)
    )


def test_gallery_and_captions_inside_the_body_are_dropped() -> None:
    gallery = """<div class="hst-resgallery-container"><ul class="hst-resgallery"><li>
    <div class="caption"><div class="caption-full">A minister shakes hands with a visitor in the capital
    on Wednesday, at the start of a visit, in the rain.</div><span>Photo: Agency</span></div></li></ul></div>"""
    html = f"<html><body><h1>Visit</h1><div class='article-body'>{gallery}{_prose('Story', 5)}</div></body></html>"
    art = newsextract.extract(html, "https://gallery.example/a", site_rules=False)
    assert len(art.body) == 5 and all(p.startswith("Story") for p in art.body)


def test_article_cut_into_repeated_section_templates_is_taken_whole() -> None:
    """Sections of one template five levels above the paragraphs, a figure between them."""
    section = "<div class='acf-content'><section class='outer'><div class='flex'><div class='sec'><div class='post__content'>{}</div></div></div></section></div>"
    body = (
        section.format(_prose("First", 6))
        + "<figure><img src='a.jpg'></figure>"
        + section.format(_prose("Second", 2))
        + section.format(_prose("Third", 3))
    )
    html = f"<html><body><div id='postBody'><h1>Tuft cells</h1>{body}</div><div class='promo'><a href='/x'>More</a></div></body></html>"
    art = newsextract.extract(html, "https://sections.example/a", site_rules=False)
    assert [p.split()[0] for p in art.body] == ["First"] * 6 + ["Second"] * 2 + ["Third"] * 3


def test_repeated_layout_rows_of_links_or_next_articles_are_not_sections() -> None:
    links = "".join(
        f"<li><a href='/n/{i}'>Trending story number {i} about something</a></li>" for i in range(8)
    )
    page = f"""<html><head><title>Main story</title></head><body><div class='container'>
    <div class='row'><div class='col'><article class='content'><h1>Main story</h1><section>{_prose("Main", 5)}</section></article></div></div>
    <div class='row'><div class='col'><ul>{links}</ul></div></div>
    <div class='row'><div class='col'><article class='content'><h1>Next story</h1><section>{_prose("Next", 4)}</section></article></div></div>
    </div></body></html>"""
    art = newsextract.extract(page, "https://rows.example/a", site_rules=False)
    assert all(p.startswith("Main") for p in art.body) and len(art.body) == 5


def test_text_behind_a_paywall_class_is_article_text() -> None:
    """Paywalled sites ship the rest of the story inside div.paywall: it is the article."""
    html = f"""<html><body><h1>Quarter</h1><div class='article__body'>{_prose("Open", 6)}
    <div class='paywall'>{_prose("Locked", 3)}</div></div></body></html>"""
    art = newsextract.extract(html, "https://paywall.example/a", site_rules=False)
    assert [p.split()[0] for p in art.body] == ["Open"] * 6 + ["Locked"] * 3


def test_h1_matching_the_site_part_of_the_title_is_not_the_headline() -> None:
    # The site's name in the h1 and in <title>: the other part is the headline.
    art = _titled(
        '<title>Diary at home - A long entry about passwords</title><meta property="og:site_name" content="Diary at home">',
        "<h1>Diary at home</h1>",
    )
    assert art.title == "A long entry about passwords"
    # A short headline is still the headline when it matches a part of <title>.
    assert _titled("<title>Mozilla - Wikipedia</title>", "<h1>Mozilla</h1>").title == "Mozilla"
    # A short headline beside the domain's name: the part naming the site is the one to drop.
    html = (
        "<html><head><title>atg 1700 - Pastebin.com</title></head><body><h1>atg 1700</h1>"
        + _prose("Paste", 4)
        + "</body></html>"
    )
    art = newsextract.extract(html, "https://pastebin.com/abc", site_rules=False)
    assert art.title == "atg 1700"


def test_headline_in_a_lower_heading_under_an_h1_naming_the_site() -> None:
    # A diary prints its own name in the h1 and each entry's headline in an h3.
    art = _titled(
        "<title>Diary at home - A long entry about default passwords</title>",
        "<h1>Diary at home</h1><h2>2019-02-11</h2><h3>* A long entry about default passwords</h3>",
    )
    assert art.title == "* A long entry about default passwords"
    # A section label in the h1; the h2 shows the whole og:title and a subtitle after it.
    head = '<title>Security Society</title><meta property="og:title" content="Spring forum in Osaka: finding attacks early">'
    h = "<h1>Events and seminars</h1><h2>Spring forum in Osaka: finding attacks early ~ from defence to offence ~</h2>"
    assert (
        _titled(head, h).title == "Spring forum in Osaka: finding attacks early ~ from defence to offence ~"
    )
    # A heading holding only a fragment of the og:title is not the headline.
    head = '<meta property="og:title" content="The Open Journalism Project: Better Student Journalism">'
    assert _titled(head, "<h2>Open Journalism Project:</h2>").title == (
        "The Open Journalism Project: Better Student Journalism"
    )


def test_script_hook_classes_do_not_name_chrome() -> None:
    # "js-code-nav-container" is a hook for scripts; "nav" in it does not make the readme navigation.
    html = f"""<html><body><div class='file-list'>{'<a href="/f">file.txt</a> ' * 80}</div>
    <div id='readme' class='Box js-code-nav-container'><article>{_prose("Readme", 3)}</article></div>
    </body></html>"""
    art = newsextract.extract(html, "https://code.example/repo", site_rules=False)
    assert [p.split()[0] for p in art.body] == ["Readme"] * 3


def test_paragraphs_written_as_divs_of_spans_are_found() -> None:
    """Text pasted from an editor: every paragraph a <div><span>, no <p> anywhere."""
    paragraphs = "".join(
        f"<div style='direction: ltr'><span>Chapter line {i}, with commas, long enough to be prose, "
        f"and a few more words to read.</span></div>"
        for i in range(8)
    )
    html = f"""<html><body><div class='chapter-inner chapter-content'><div><div>{paragraphs}</div></div></div>
    <div class='author-note'><p>Thanks for reading, everyone, and see you, as always, next week.</p></div></body></html>"""
    art = newsextract.extract(html, "https://fiction.example/c/102", site_rules=False)
    assert sum(p.startswith("Chapter line") for p in art.body) == 8
    assert not any(p.startswith("Thanks for reading") for p in art.body)


def test_profile_url_that_would_break_a_css_selector_is_skipped() -> None:
    head = """<meta property="article:author" content='https://www.daily.example/a"]{x'>"""
    assert _bylined(head, "").authors == ()  # no traceback, no name


def test_japanese_commas_count_as_commas() -> None:
    """Japanese prose separates clauses with 、: paragraphs written with it, and with links in
    them, outvote a short blurb in a box whose class reads like content ("page")."""
    paragraph = (
        "<p>研究所は二月二十日、人気の高い圧縮ソフトに長年にわたって脆弱性が存在していると伝えた。"
        "<a href='/x'>細工されたファイルを展開する段階で</a>マルウェアに感染させられる可能性があり、"
        "最終的に、攻撃者によってシステムの制御権が乗っ取られる危険性があるという。</p>"
    )
    html = f"""<html><body><div class='main'><article><div class='article-body'>{paragraph * 3}</div></article>
    <div class='c-pageAbout'><div class='c-pageAbout_info'>セキュリティの最新技術を紹介します。マルウェアやフィッシングサイトはもちろん網羅します。</div></div>
    </div></body></html>"""
    art = newsextract.extract(html, "https://news.example.jp/article/1", site_rules=False)
    assert len(art.body) == 3 and all(p.startswith("研究所") for p in art.body)


def test_gallery_holding_half_the_page_is_chrome_but_a_headline_wrapper_is_not() -> None:
    slides = "".join(
        f"<li><p>Slide {i}: a company result of the week, with figures, quotes, and a long caption.</p></li>"
        for i in range(12)
    )
    gallery = f"<div class='widget'><div class='full-gallery'><ul class='legends'>{slides}</ul></div></div>"
    html = f"""<html><body><h1>Seven secrets</h1><div class='text-wrapper'>{_prose("Story", 5)}
    {gallery}{_prose("More", 3)}</div></body></html>"""
    art = newsextract.extract(html, "https://gallery.example/b", site_rules=False)
    assert [p.split()[0] for p in art.body] == ["Story"] * 5 + ["More"] * 3
    # A layout wrapper named after its sidebar holds most of the page: it stays, headline or not.
    html = f"""<html><body><header><h1>Net neutrality</h1></header>
    <div class='l-sidebar-fixed'><div class='entry-body'>{_prose("Story", 8)}</div></div>
    <footer><p>About us, contact, careers, and the rest of the links at the foot of a page.</p></footer></body></html>"""
    art = newsextract.extract(html, "https://layout.example/c", site_rules=False)
    assert len(art.body) == 8


def _long_box(tag: str, n: int) -> str:
    """Items of a deals box or a "you may like" rail: one long comma-rich paragraph per card."""
    return "".join(
        f"<div class='card'><p>{tag} item {i}, for sale at a shop, with free shipping, a case, a charger, "
        "two years of warranty, and more words than an article's paragraph has.</p></div>"
        for i in range(n)
    )


def test_a_box_beside_the_article_element_is_not_its_text() -> None:
    html = f"""<html><body><article><h1>Phone review</h1>{_prose("Story", 3)}</article>
    <div class="deals"><h3>Best deals</h3>{_long_box("Deal", 8)}</div></body></html>"""
    art = newsextract.extract(html, "https://deals.example/a", site_rules=False)
    assert [p.split()[0] for p in art.body] == ["Story"] * 3


def test_the_text_under_the_headline_wins_over_a_richer_box_elsewhere() -> None:
    html = f"""<html><body><div class="wrap"><div class="head"><h1>Phone review</h1></div>
    <div class="text">{_prose("Story", 3)}</div></div>
    <div class="rail"><h3>You may like</h3>{_long_box("Other", 8)}</div></body></html>"""
    art = newsextract.extract(html, "https://deals.example/a", site_rules=False)
    assert [p.split()[0] for p in art.body] == ["Story"] * 3


def test_story_continued_in_a_read_more_block_is_taken_whole() -> None:
    """The first paragraphs sit in the story body, the rest in a nested "read more" expander."""
    html = f"""<html><body><h1>Data retention</h1><div class='story-body'>
    <div class='story-intro'><p><strong>Intro paragraph, with commas, long enough to be article text, and a few more words.</strong></p></div>
    {_prose("Open", 3)}
    <div id='read-more'><div id='read-more-link'><a href=''>Read more</a></div>
    <div id='read-more-content'>{_prose("Rest", 8)}</div></div></div>
    <div class='more-stories'><h2>More stories</h2><ul><li><a href='/a'>Another story</a></li></ul></div></body></html>"""
    art = newsextract.extract(html, "https://expander.example/a", site_rules=False)
    assert [p.split()[0] for p in art.body] == ["Intro"] + ["Open"] * 3 + ["Rest"] * 8


def test_sections_of_a_page_that_writes_subheadings_as_h1_are_kept() -> None:
    """Medium: sections of one template split by figures, every subheading an h1. Siblings with an
    h1 are not next articles when the best section holds several h1s itself."""
    section = "<div class='n p'><div class='z ab'>{}</div></div><div class='hr'><figure><img src='x.png'></figure></div>"
    body = section.format(
        f"<h1>Profiling in production</h1>{_prose('First', 6)}<h1>Why profile</h1>{_prose('Why', 2)}"
    )
    body += section.format(_prose("Second", 2)) + section.format(f"<h1>Warnings</h1>{_prose('Third', 3)}")
    html = f"<html><body><div class='root'><article><div><section class='cy'>{body}</section></div></article></div></body></html>"
    art = newsextract.extract(html, "https://medium.example/p/1", site_rules=False)
    assert [p.split()[0] for p in art.body if p.endswith(".")] == (
        ["First"] * 6 + ["Why"] * 2 + ["Second"] * 2 + ["Third"] * 3
    )


def test_related_posts_and_share_boxes_named_in_one_word_are_chrome() -> None:
    """WordPress/Jetpack: div.jp-relatedposts and div.sharedaddy inside the entry content."""
    related = "".join(
        f"<div class='jp-relatedposts-post'><h4><a href='/r{i}'>Older post {i}</a></h4>"
        f"<p class='jp-relatedposts-post-excerpt'>Older post {i} excerpt, with commas, long enough to vote, and more words.</p>"
        f"<p>March 17, 2016</p></div>"
        for i in range(3)
    )
    html = f"""<html><body><h1>Survey</h1><div class='entry-content'>{_prose("Story", 4)}
    <div class='sharedaddy sd-block'><h3>Like this:</h3><div class='likes'>Like Loading...</div></div>
    <div id='jp-relatedposts' class='jp-relatedposts'><h3>Related</h3>{related}</div></div></body></html>"""
    art = newsextract.extract(html, "https://blog.example/2016/survey", site_rules=False)
    assert [p.split()[0] for p in art.body] == ["Story"] * 4


def test_by_line_with_hashed_classes_a_few_levels_from_the_headline() -> None:
    """qz.com-like: the headline in a <header>, "By <span>name</span>" in a sibling block with
    build-tool class names, three levels above the h1."""
    html = f"""<html><body><article><header class='a1'><div class='b2'><h1>Hustling</h1></div>
    <figure><img src='x.jpg'><figcaption>Hustling.</figcaption></figure></header>
    <div><div class='l_Zm4'><div class='MiiXW'><div class='_ceVT'>By <span class='rlwyg'>Yomi Kazeem</span></div>
    <div class='rpyRU'>Published December 16, 2016</div></div></div>{_prose("Story", 4)}</div></article></body></html>"""
    art = newsextract.extract(html, "https://news.example/1", site_rules=False)
    assert art.authors == ("Yomi Kazeem",)


def test_a_name_span_inside_a_by_line_brings_the_whole_line() -> None:
    """Only the last name span carries a byline class: the "By ..." line around it names all."""
    page = """<p class='css-4an'><span class='byline-prefix'>By </span><span class='css-1b' itemprop='name'>
    <a href='/by/marc-santora'>Marc Santora</a>, </span><span class='css-1b' itemprop='name'><a href='/by/al-baker'>Al Baker</a></span>
    and <span class='css-1b last-byline' itemprop='name'><a href='/by/adam-goldman'>Adam Goldman</a></span></p>"""
    assert _bylined("", page).authors == ("Marc Santora", "Al Baker", "Adam Goldman")
    # A page marking up its author outright is believed: the photographer beside is not an author.
    page = """<p>by <span itemprop='author' itemscope itemtype='http://schema.org/Person'><a rel='author' href='/profile/e'>
    <span itemprop='name'>Eleanor Roy</span></a></span> (reporting) and Adrian Malloch (photography)</p>"""
    assert _bylined("", page).authors == ("Eleanor Roy",)


_PARAGRAPH = (
    "The ferry service between the two islands will run twice a day from next month, the operator "
    "said on Tuesday, after a winter in which storms cancelled nearly half of the crossings. {}"
)


def _wrapped_article(wrapper_class: str, section_class: str) -> str:
    sections = "".join(
        f'<div class="{section_class}"><p>{_PARAGRAPH.format(i)}</p><p>{_PARAGRAPH.format(i + 10)}</p></div>'
        for i in range(3)
    )
    return (
        "<html><head><title>Ferry timetable doubles</title></head><body>"
        "<header><h1>Ferry timetable doubles after a stormy winter</h1></header>"
        f'<div class="{wrapper_class}">{sections}'
        '<div class="sidebar-grid__rail"><a href="/x">Most read today</a></div></div>'
        # the rest of the page: enough teaser lines that the article holds under half its text
        + "".join(
            f'<div class="teaser"><a href="/t{i}">Council approves new harbour lights, story {i}</a></div>'
            for i in range(40)
        )
        + "</body></html>"
    )


@pytest.mark.parametrize(
    ("wrapper_class", "section_class"),
    [
        ("sidebar-grid sidebar-grid--narrow", "sidebar-grid__container"),  # layout grid named for its rail
        ("wrapper px-5 overflow-hidden", "cms-container"),  # a Tailwind utility, not a hidden node
    ],
)
def test_a_wrapper_named_like_chrome_that_holds_the_prose_is_kept(
    wrapper_class: str, section_class: str
) -> None:
    art = newsextract.extract(_wrapped_article(wrapper_class, section_class), URL, site_rules=False)
    assert len(art.body) == 6
    assert "Most read today" not in art.body


def test_a_short_box_with_a_flattering_class_name_does_not_beat_the_prose() -> None:
    # Six plain paragraphs without a class, beside teaser boxes named "teasertext": the name may
    # tip a close call, not outweigh the text.
    story = "".join(
        f"<p>Sentence {i} of the report tells what the council decided on the bridge today. "
        "It was a long meeting. Many people came to listen.</p>"
        for i in range(6)
    )
    teasers = "".join(
        f'<div class="teaser"><div class="teasertext">Teaser {i}, with a comma, a second, and a third one.</div></div>'
        for i in range(3)
    )
    html = f"<html><body><h1>Council votes on the bridge</h1><div><div>{story}</div></div>{teasers}</body></html>"
    body = newsextract.extract(html, "https://www.daily.example/bridge", site_rules=False).body
    assert len(body) == 6 and body[0].startswith("Sentence 0")


def test_consent_placeholders_of_embeds_and_affiliate_widgets_are_not_body() -> None:
    embed = (
        '<div class="box do-display-embed"><div class="info-box"><p>Here you find external content'
        " from a video platform that completes the article. Show it with one click.</p></div></div>"
    )
    widget = (
        '<div class="wp-block-affiliate-widget"><a href="/deal"><div class="descript">This phone does'
        " everything a phone must do, from calls to photos, and it is water resistant.</div></a></div>"
    )
    html = f"<html><body><h1>Phones</h1><article>{_prose('Story', 3)}{embed}{_prose('More', 2)}{widget}</article></body></html>"
    body = newsextract.extract(html, "https://www.daily.example/phones", site_rules=False).body
    assert len(body) == 5 and not any("external content" in p or "water resistant" in p for p in body)


@pytest.mark.parametrize(
    "head,h1,title",
    [
        # A kicker above the headline that the metadata leaves out is not part of it.
        (
            '<meta property="og:title" content="Harbour seals return to the old canal">',
            "<h1><span>Wildlife</span><span>Harbour seals return to the old canal</span></h1>",
            "Harbour seals return to the old canal",
        ),
        # Metadata naming every part gives the page's own separator, not the parts glued.
        (
            '<meta property="og:title" content="Wildlife / Harbour seals return to the old canal">',
            "<h1><span>Wildlife</span>Harbour seals return to the old canal</h1>",
            "Wildlife / Harbour seals return to the old canal",
        ),
        # A subtitle after the headline stays: only what stands before the named part is a kicker.
        (
            '<meta property="og:title" content="Harbour seals return">',
            "<h1><span>Harbour seals return</span><i>:</i><i>the old canal is full again</i></h1>",
            "Harbour seals return:the old canal is full again",
        ),
    ],
)
def test_kicker_printed_in_the_h1(head: str, h1: str, title: str) -> None:
    assert _titled(head, h1).title == title


def test_og_title_with_the_site_name_run_on_gives_way_to_the_json_ld_headline() -> None:
    head = (
        '<meta property="og:site_name" content="Daily Example">'
        '<meta property="og:title" content="Harbour seals return to the old canal-Nature|Daily Example">'
        + _ld('{"@type": "NewsArticle", "headline": "Harbour seals return to the old canal"}')
    )
    assert _titled(head, "").title == "Harbour seals return to the old canal"


def test_an_emphasised_name_line_before_the_text_is_the_byline_but_a_subheading_is_not() -> None:
    long = "<p>The council closed the coast road on Monday after the storm, and the harbour works will take many weeks.</p>"
    story = long * 2 + "<p><strong>Harbour Works</strong></p>" + long * 2
    html = f"<html><body><h1>Storm closes the coast road</h1><div class='entry-content'><p><strong>Anna Roth and Jan Weber</strong></p>{story}</div></body></html>"
    article = newsextract.extract(html, "https://www.daily.example/s", site_rules=False)
    assert article.authors == ("Anna Roth", "Jan Weber")


def test_the_site_name_as_json_ld_person_does_not_hide_the_printed_byline() -> None:
    head = '<meta property="og:site_name" content="Daily Example">' + _ld(
        '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Daily Example"}}'
    )
    assert _bylined(head, '<div class="byline">By Mika Sato</div>').authors == ("Mika Sato",)
    assert _bylined(head, "").authors == ("Daily Example",)  # with no byline, the credit it gives


@pytest.mark.parametrize(
    "line",
    [
        "Lesen Sie auch",
        "À lire aussi :",
        "Leggi anche",
        "Stand: 28.04.2023 16:11 Uhr",
        "28.04.2023 | 17:52 Uhr",
        "Foto: Anna Roth, Daily Example",
        "The harbour at dawn © Daily Example",
        "【责任编辑：王小明】",
        "00:21 Min.",
        "Harbourtown (DEN) —",
        "$$ARTICLEAD$$",
        # sign-up pitches: a call to sign up and the thing offered, or a pitch's own phrase
        "Ground Game: Sign up for our weekly politics newsletter to get it in your inbox every Monday.",
        "By signing up you consent to receive the above newsletter from Daily Example Inc.",
        "Folgst du schon dem Daily Example auf Whatsapp? Abonniere den Kanal.",
        "Mit meiner Anmeldung zum Newsletter stimme ich der Werbevereinbarung zu.",
        "Il vous reste 57% de cet article à lire. La suite est réservée aux abonnés.",
    ],
)
def test_chrome_lines_inside_the_article_are_not_body(line: str) -> None:
    body = _body_with_line(line)
    assert len(body) == 4 and line not in body


def _body_with_line(line: str) -> tuple[str, ...]:
    """The body of an article of four paragraphs with ``line`` as a paragraph in the middle."""
    html = f"<html><body><h1>Storm closes the coast road</h1><article>{_prose('Story', 2)}<p>{line}</p>{_prose('More', 2)}</article></body></html>"
    return newsextract.extract(html, "https://www.daily.example/s", site_rules=False).body


def test_a_paragraph_about_an_inbox_is_text() -> None:
    line = "Inbox: the inbox is a holding pen, and you should move every email out of it within a day."
    assert line in _body_with_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "— Anna Roth (@annaroth) May 1, 2020",  # an embedded post's signature
        "The council met on 3 May 2021 and voted.",  # a sentence with a date in it
    ],
)
def test_lines_with_dates_that_are_text_stay(line: str) -> None:
    assert line in _body_with_line(line)


def test_dates_in_a_timeline_list_stay() -> None:
    items = "".join(f"<li>{day} May 2021</li>" for day in (3, 4, 5))
    html = f"<html><body><h1>Storm closes the coast road</h1><article>{_prose('Story', 3)}<ul>{items}</ul></article></body></html>"
    body = newsextract.extract(html, "https://www.daily.example/s", site_rules=False).body
    assert body[-3:] == ("3 May 2021", "4 May 2021", "5 May 2021")


def _flight_page(fragment: str) -> str:
    """A Next.js app-router page: an empty shell, the article streamed as a flight text row."""
    row = f"1f:T{len(fragment.encode()):x},{fragment}"
    push = json.dumps(row)
    return (
        "<html><head><title>Harbour seals return</title></head><body><div id='root'></div>"
        '<script src="/_next/static/chunks/main-app.js" async></script>'
        f"<script>self.__next_f.push([1,{push}])</script></body></html>"
    )


def test_article_streamed_in_next_js_flight_data_is_read() -> None:
    story = "".join(
        f"<p>Paragraph {i} of the harbour story, with commas, long enough to be article text.</p>"
        for i in range(4)
    )
    fragment = f'<div class="caption"><p>A seal on the quay. Photo desk</p></div>{story}'
    body = newsextract.extract(_flight_page(fragment), "https://www.daily.example/s", site_rules=False).body
    assert len(body) == 4 and body[0].startswith("Paragraph 0")


def test_a_flight_chunk_followed_by_a_long_blank_run_is_read() -> None:
    """Blanks after the push call are read once, not split between two patterns every way (quadratic)."""
    story = "".join(
        f"<p>Paragraph {i} of the harbour story, with commas, long enough to be article text.</p>"
        for i in range(4)
    )
    page = _flight_page(story).replace("])</script>", "])" + " " * 20_000 + ";" + " " * 20_000 + "</script>")
    body = newsextract.extract(page, "https://www.daily.example/s", site_rules=False).body
    assert len(body) == 4


def test_json_ld_article_body_when_the_page_shows_no_text() -> None:
    text = "\\n".join(
        f"Paragraph {i} of the harbour story, with commas, long enough to be article text." for i in range(4)
    )
    head = _ld('{"@type": "NewsArticle", "articleBody": "' + text + '"}')
    html = f"<html><head>{head}</head><body><h1>Harbour seals return</h1><div id='app'></div></body></html>"
    body = newsextract.extract(html, "https://www.daily.example/s", site_rules=False).body
    assert len(body) == 4 and body[3].startswith("Paragraph 3")


def test_the_publisher_named_in_the_author_meta_is_not_an_author() -> None:
    head = (
        '<meta property="og:site_name" content="Coast Courier">'
        '<meta name="author" content="Coast Courier"><meta name="author" content="Mika Sato">'
    )
    assert _bylined(head, "").authors == ("Mika Sato",)


def test_sections_wrapped_one_by_one_and_told_apart_by_bem_modifiers_are_taken_whole() -> None:
    # <div><div class="RichText">...</div></div> per section, a teaser box between them, and the
    # last section's class carrying modifiers ("RichText RichText--last"): one template.
    def section(i: int, cls: str) -> str:
        text = "".join(
            f"<p>Section {i} paragraph {j}, with commas, long enough to be article text, and then some.</p>"
            for j in range(2 if i < 3 else 4)
        )
        return f'<div><div class="{cls} w-8/12 mx-auto">{text}</div></div>'

    teaser = '<section class="teaser"><a href="/other">Another story that is linked here</a></section>'
    sections = (
        section(0, "RichText")
        + section(1, "RichText")
        + teaser
        + section(2, "RichText")
        + section(3, "RichText RichText--last")
    )
    html = f"<html><body><article><header><h1>Bank rules</h1></header><div>{sections}</div></article></body></html>"
    body = newsextract.extract(html, "https://www.daily.example/bank", site_rules=False).body
    assert [p.split(",")[0] for p in body][:2] == ["Section 0 paragraph 0", "Section 0 paragraph 1"]
    assert len(body) == 10 and not any("Another story" in p for p in body)
