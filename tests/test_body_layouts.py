"""Body layouts of the open web, each on a page written for these tests (fixtures/generic/body-*):
the text must come out whole however the template cuts it up."""

from __future__ import annotations

from pathlib import Path

import newsextract


def _body(fixtures: Path, name: str, url: str) -> tuple[str, ...]:
    page = (fixtures / "generic" / name).read_bytes()
    return newsextract.extract(page, url, site_rules=False).body


def test_the_standfirst_before_the_body_container_opens_the_body(fixtures: Path) -> None:
    body = _body(fixtures, "body-standfirst.html", "https://courier.example/local/ferry-pier")
    assert body[0].startswith("Councillors in Wrenmouth backed a plan")
    assert body[1].startswith("The vote, taken late on Tuesday evening")
    assert body[-1].startswith("Work is expected to begin in the spring")
    # teasers of other articles, named like a standfirst, stand after the text: not taken
    assert not any("Lifeboat crew" in p or "School garden" in p for p in body)


def test_the_standfirst_of_a_page_without_a_headline_near_the_text_opens_the_body(fixtures: Path) -> None:
    body = _body(fixtures, "body-standfirst-headless.html", "https://ilo.example/aktuelles/messreihe")
    assert body[0].startswith("Seit dem Frühjahr misst eine Arbeitsgruppe")
    assert body[1].startswith("Die Brunnen wurden im vergangenen Herbst")
    # boxes of the same name with links to other news are not a lead, nor a video's title
    assert not any(
        "Tag der offenen Tür" in p or "Neue Professur" in p or p.startswith("Video:") for p in body
    )


def test_the_standfirst_after_the_pictures_box_opens_the_body(fixtures: Path) -> None:
    body = _body(fixtures, "body-standfirst-after-picture.html", "https://ljr.example/news/forderungen")
    assert body[0].startswith("Zum Auftakt der Haushaltsberatungen")
    assert body[1].startswith("Die Forderungen waren in den vergangenen Monaten")
    assert not any(p.startswith("Foto:") for p in body)


def test_credits_closing_a_caption_downloads_and_pitches_are_not_text(fixtures: Path) -> None:
    body = _body(fixtures, "body-credits-downloads.html", "https://energie.example/presse/heizoel")
    assert body[0].startswith("Ab dem ersten Januar müssen Lieferanten")
    assert body[-1].startswith("Die Verbände der Lieferanten begrüßten")
    assert len(body) == 3
    assert not any("Foto:" in p or "PDF" in p or "newsletter" in p for p in body)


def test_a_recipe_cut_into_articles_gives_its_ingredients_with_its_preparation(fixtures: Path) -> None:
    body = _body(fixtures, "body-recipe-parts.html", "https://backstube.example/rezepte/rhabarber")
    assert "Für den Hefeteig:" in body
    cinnamon = next(i for i, p in enumerate(body) if p.endswith("gemahlener Zimt"))  # a table row
    assert cinnamon < next(i for i, p in enumerate(body) if p.startswith("Die Hefe in der"))
    assert body[-1].startswith("Den Teig auf dem Blech ausrollen")
    assert not any("Apfelkuchen" in p or "Merkliste" in p for p in body)


def test_articles_of_one_template_headed_by_links_are_teasers_not_parts(fixtures: Path) -> None:
    page = (fixtures / "generic" / "body-recipe-parts.html").read_text(encoding="utf-8")
    teaser = (
        '<article class="bx-box bx-col-8 teaser"><h2><a href="/rezepte/apfelkuchen">Apfelkuchen vom Blech</a></h2>'
        "<p>Mit säuerlichen Äpfeln, einem Guss aus Sahne und Eiern und einem Boden aus Mürbeteig, der am Vortag "
        "vorbereitet werden kann: ein Kuchen für die ganze Familie und jede Gelegenheit im Herbst.</p></article>"
    )
    page = page.replace("</main>", teaser + "</main>")
    body = newsextract.extract(page, "https://backstube.example/rezepte/rhabarber", site_rules=False).body
    assert body[0].startswith("Die Hefe in der lauwarmen Milch")
    assert not any("Apfelkuchen" in p or "säuerlichen Äpfeln" in p or "gemahlener Zimt" in p for p in body)


def test_notices_and_navigation_of_the_site_inside_the_post_are_not_text(fixtures: Path) -> None:
    body = _body(fixtures, "body-notices.html", "https://katzenwelt.example/2014/05/kratzbaeume")
    assert [p[:30] for p in body] == [
        "Wer in einer kleinen Wohnung l",
        "Das kleinste Modell passt in j",
        "Am besten hat uns das mittlere",
    ]


def test_a_live_commentary_named_after_its_comments_is_the_text(fixtures: Path) -> None:
    body = _body(fixtures, "body-live-commentary.html", "https://sport.example/direct/brest-angers")
    text = "\n".join(body)
    for opening in (
        "C'est terminé au stade",
        "Le coup franc de l'ailier",
        "Égalisation de Brest",
        "Le match est lancé",
    ):
        assert opening in text
    assert "Quel match" not in text  # the readers' comments under it are still not text


def test_content_elements_each_in_their_own_article_make_one_text(fixtures: Path) -> None:
    body = _body(fixtures, "body-content-elements.html", "https://schnee.example/berichte/woche-7")
    opening = [p[:30] for p in body]
    assert opening == [
        "Zu Beginn der Woche fiel verbr",
        "Der starke Wind verfrachtete d",
        "Mehrere Wintersportler meldete",
        "Besonders heikel waren die Übe",
        "Die Beobachter im Gelände, die",
        "Zum Wochenende hin stabilisier",
    ]


def test_page_builder_text_widgets_told_apart_by_ids_make_one_text(fixtures: Path) -> None:
    body = _body(fixtures, "body-page-builder.html", "https://orchard.example/about/")
    text = "\n".join(body)
    for opening in (
        "The orchard was planted on a disused allotment",
        "Today there are forty-two trees",
        "Anyone may pick a bag of windfalls",
        "The orchard is run by a small committee",
    ):
        assert opening in text


_STORY = (
    "<p>The ferry company said on Monday that the evening crossing would run again from next week, "
    "after a month in which the only boat on the route was held in dry dock for repairs.</p>"
    "<p>Passengers who bought tickets for cancelled sailings can claim a refund at the harbour office, "
    "the company added, and season tickets will be extended by the weeks that were lost.</p>"
)


def test_a_title_left_open_by_a_damaged_save_does_not_swallow_the_page() -> None:
    page = f"<html><head><title>Ferry crossing returns<script src='x.js'></script></head><body><div>{_STORY}</div></body></html>"
    body = newsextract.extract(page, "https://ferry.example/news/1", site_rules=False).body
    assert body[0].startswith("The ferry company said on Monday")


def test_a_first_paragraph_that_opens_with_the_headline_is_text_not_a_repeated_headline() -> None:
    # a whole story in one <pre>, its first line the headline
    story = (
        "Evening ferry crossing returns next week\n"
        "The ferry company said on Monday that the evening crossing would run again from next week, "
        "after a month in which the only boat on the route was held in dry dock for repairs."
    )
    page = f"<html><head><title>Evening ferry crossing returns next week</title></head><body><pre>{story}</pre></body></html>"
    body = newsextract.extract(page, "https://ferry.example/news/2", site_rules=False).body
    assert "held in dry dock" in " ".join(body)


def test_prompts_labels_and_filing_lines_around_the_text_are_not_body(fixtures: Path) -> None:
    body = _body(fixtures, "body-tail-chrome.html", "https://sonnenhang.example/topinambur/")
    assert body[0].startswith("Topinambur ist eines der wenigen")
    assert body[-1].startswith("Wer im Frühjahr neue Pflanzen")
    assert len(body) == 3


def test_layout_tokens_and_modifiers_that_say_what_a_block_holds_remove_no_text(fixtures: Path) -> None:
    # "kb-overflow-hidden" is a layout utility, "o-section--has-ads" a section that holds an ad slot
    body = _body(fixtures, "body-layout-tokens.html", "https://ahornweg.example/rezepte/ananas")
    text = "\n".join(body)
    for opening in ("Eine reife Ananas", "Zuerst schneidet man", "Dann die Schale", "Die braunen Augen"):
        assert opening in text
    assert "Anzeige" not in text


def test_a_comment_thread_printed_in_the_posts_own_box_ends_the_body(fixtures: Path) -> None:
    body = _body(fixtures, "body-comment-thread.html", "https://margin.example/2012/07/straight-lines")
    assert body[-1].startswith("The honest alternative is not to refuse summaries")
    assert not any("Martha Quill" in p or "confidence band" in p for p in body)


def test_the_standfirst_under_a_headline_printed_as_h2_where_the_h1_names_the_site(fixtures: Path) -> None:
    page = (fixtures / "generic" / "body-standfirst.html").read_text(encoding="utf-8")
    page = page.replace('<h1 class="story-title">', '<h2 class="story-title">').replace("</h1>", "</h2>")
    page = page.replace(
        '<section class="teaser-list">',
        '<div class="brand"><h1>The Coastline Courier</h1></div><section class="teaser-list">',
    )
    body = newsextract.extract(page, "https://courier.example/local/ferry-pier", site_rules=False).body
    assert body[0].startswith("Councillors in Wrenmouth backed a plan")


def test_a_page_shown_only_to_browsers_without_scripts_is_read_from_its_noscript() -> None:
    page = (
        "<html><head><title>Bears counted in the park</title></head><body>"
        "<div id='app'>Loading…</div><script src='/app.js'></script>"
        f"<noscript><div class='menu'><a href='/'>Home</a></div><div class='page'><h1>Bears counted in the park</h1>"
        f"<div class='text'>{_STORY}</div></div></noscript></body></html>"
    )
    body = newsextract.extract(page, "https://park.example/news/bears", site_rules=False).body
    assert body[0].startswith("The ferry company said on Monday")
    assert not any("Loading" in p or p == "Home" for p in body)


def test_a_page_cut_into_boxes_inside_its_main_gives_every_box_of_prose(fixtures: Path) -> None:
    body = _body(fixtures, "body-boxes.html", "https://vcl.example/tests/kindersitze")
    text = "\n".join(body)
    for opening in (
        "Im Frühjahrstest hat",
        "Geprüft wurde in einem Labor",
        "Jeder Sitz wurde",
        "Vierzehn Sitze schnitten",
        "Die Preise reichen",
        "Eltern sollten den Sitz",
    ):
        assert opening in text
    assert "Verkehrsclub Lindental e.V." not in text


def test_a_modifier_of_a_text_section_names_what_it_holds_not_the_section() -> None:
    sections = "".join(
        f'<section class="review__section review__section--ads">{_STORY}</section>' for _ in range(2)
    )
    page = f"<html><body><h1>Grill test</h1><div class='review'>{sections}</div></body></html>"
    body = newsextract.extract(page, "https://grill.example/test", site_rules=False).body
    assert sum(p.startswith("The ferry company said") for p in body) == 2


# A site's link list, longer than a short post.
_LINKS = " ".join(f"<a href='/topic/{i}'>Topic number {i} of the party's programme</a>" for i in range(30))


def test_a_short_post_wrapped_whole_in_a_box_named_like_chrome_is_kept() -> None:
    page = (
        "<html><body><h1>We back the school strike</h1><div class='socialicons-sticky'>"
        f"{_STORY}</div><div class='site-links'>{_LINKS}</div></body></html>"
    )
    body = newsextract.extract(page, "https://party.example/strike", site_rules=False).body
    assert body[0].startswith("The ferry company said on Monday")


def test_a_page_of_boxes_with_no_article_main_or_headline_gives_its_boxes_of_prose_not_its_address(
    fixtures: Path,
) -> None:
    # the older web's layouts: no <article>, no <main>, no <h1> to say where the article is
    page = (fixtures / "generic" / "body-boxes.html").read_text(encoding="utf-8")
    page = page.replace('<main class="page">', '<div class="page">').replace("</main>", "</div>")
    page = page.replace("<h1>Kindersitze im Test</h1>", "<p class='title'><b>Kindersitze im Test</b></p>")
    page = page.replace(
        '<footer class="site-footer">Verkehrsclub Lindental e.V.</footer>',
        '<div class="address">Verkehrsclub Lindental - Hauptstraße 12 - 12345 Lindental - Telefon 0123 456789 - Vereinsregister 4711</div>',
    )
    body = newsextract.extract(page, "https://vcl.example/tests/kindersitze", site_rules=False).body
    text = "\n".join(body)
    for opening in ("Im Frühjahrstest hat", "Vierzehn Sitze schnitten", "Eltern sollten den Sitz"):
        assert opening in text
    assert "Hauptstraße 12" not in text


def test_a_picture_credit_named_as_such_is_not_text() -> None:
    page = f"<html><body><h1>Ferry</h1><div class='story'><p>Illustration by Mara Quill</p>{_STORY}</div></body></html>"
    body = newsextract.extract(page, "https://ferry.example/news/4", site_rules=False).body
    assert body[0].startswith("The ferry company said on Monday")


def test_id_tokens_are_told_from_layout_tokens_one_token_at_a_time() -> None:
    from newsextract.extractors.generic.body import _is_id_token

    assert _is_id_token("elementor-element-672a337d") and _is_id_token("post-6195")
    assert not any(_is_id_token(t) for t in ("large-8", "col-sm-12", "face-off", "x-abc"))
    # a class of one enormous token is read once, not backtracked over (a hostile page)
    assert not _is_id_token("a-" + "f" * 200_000 + "-x")
