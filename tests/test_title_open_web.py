"""Headlines on the open web: the site's name is not part of the headline, however the page
writes it, and an h1 that runs on into other text gives way to the og:title it starts with."""

from __future__ import annotations

import newsextract

_PROSE = (
    "<p>"
    + "The council met on Tuesday to discuss the new harbour wall and its cost to the town. " * 4
    + "</p>"
)


def _title(head: str, body: str = "", url: str = "https://www.harbourtown.example/news/wall") -> str | None:
    page = f"<html><head>{head}</head><body>{body}<article>{_PROSE}</article></body></html>"
    return newsextract.extract(page, url, site_rules=False).title


def test_an_og_title_suffixed_with_the_site_name_loses_the_suffix() -> None:
    head = (
        '<meta property="og:site_name" content="Harbour Town Council">'
        '<meta property="og:title" content="Council backs the new harbour wall - Harbour Town Council">'
    )
    assert _title(head) == "Council backs the new harbour wall"


def test_a_title_part_that_writes_out_the_host_name_is_the_site() -> None:
    head = "<title>Council backs the new harbour wall | HarbourTown Community Forum</title>"
    assert _title(head) == "Council backs the new harbour wall"
    # an id that merely holds the host's letters is no site name
    head = "<title>HARBOURTOWN-2024-0042 - Council minutes archive</title>"
    assert _title(head) == "HARBOURTOWN-2024-0042 - Council minutes archive"


def test_an_h1_running_on_past_the_og_title_into_other_words_gives_the_og_title() -> None:
    head = '<meta property="og:title" content="Council backs the new harbour wall">'
    body = "<h1>Council backs the new harbour wall<span>12.03.2024 • Harbour Town</span></h1>"
    assert _title(head, body) == "Council backs the new harbour wall"
    body = "<h1>Council backs the new harbour wall: a long fight ends</h1>"  # a subtitle: shown whole
    assert _title(head, body) == "Council backs the new harbour wall: a long fight ends"
