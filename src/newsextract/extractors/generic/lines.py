"""Lines of a body that are never article text wherever they stand: link lists, chrome lines
(prompts, labels, "you might also like" in the dev sets' languages), credits, timestamps and
sign-up pitches. One test, keep_block, that every body block passes through."""

from __future__ import annotations

import re

from ...normalize.blocks import Block
from ...normalize.dates import find_date_text

__all__ = ["MAX_LINK_DENSITY", "keep_block", "line_rule"]

# Paragraphs with more link text than this are link lists, unless long.
MAX_LINK_DENSITY = 0.5
# Short lines that are chrome wherever they stand: labels of links to other articles, ads,
# buttons, in the languages of the dev sets.
_CHROME_LINE = re.compile(
    r"^(?:advertisement|advertising|anzeige|werbung|publicité|publicidad|pubblicità|advertentie|annons|"
    r"реклама|reklama|sponsored|share( this( article| story)?)?|tweet|email|print|drucken|imprimer|"
    r"(?:read|see) (?:more|also)|related(?: (?:articles|stories|coverage))?|recommended|continue reading|"
    r"lesen sie (?:auch|mehr).*|lest auch|mehr zum thema.*|zum thema|weitere informationen|passend zum artikel|"
    r"das könnte sie auch interessieren|(?:à )?lire aussi.*|voir aussi|sur le même sujet|"
    r"(?:audios? et )?vidéos sur le (?:même )?sujet|"
    r"lee (?:también|más)|leer (?:también|más)|te puede interesar|leggi anche|lees ook|läs (?:även|också)|"
    r"czytaj (?:też|także|również)|čtěte (?:také|též)|"
    r"sign up.*newsletter.*|subscribe.*|follow us.*|читайте також.*|читайте также.*|"
    # comment, share and rating prompts
    r"leave a (?:comment|reply)|post a comment|add a comment|kommentieren(?: sie)?|kommentar schreiben|"
    r"\d* ?(?:comments?|kommentare?)|laisser un commentaire|deja un comentario|lascia un commento|"
    r"(?:like it\W+)?share (?:it|this)|jetzt teilen|(?:artikel|beitrag|seite) teilen|teilen|partager|compartir|"
    r"condividi|(?:wie )?bewerten sie diese[nr]? (?:artikel|beitrag|seite)|"
    r"(?:war|ist) (?:dieser artikel|dieser beitrag|diese seite) hilfreich|was this (?:article|page) helpful|"
    r"rate this (?:article|post)|"
    # what the site offers next
    r"(?:das|dieses) (?:thema )?könnte (?:dich|sie) auch interessieren|schon gelesen|mehr themen|"
    r"verwandte (?:artikel|beiträge|themen)|ähnliche (?:artikel|beiträge)|"
    r"weitere (?:artikel|beiträge|meldungen|nachrichten|themen|rezepte|\w*tipps)\b.*|(?:\.\.\.|…)\s*weiter zu\b.*|"
    r"(?:zum )?weiterlesen|veja (?:também|mais)|leia (?:também|mais)|artículos relacionados.*|"
    r"noticias relacionadas|más noticias|you (?:may|might) also like|more (?:stories|articles) from .*|"
    r"(?:most )?popular|current issue|schlagwörter(?: zu diesem artikel)?|"
    r"entdecken sie (?:jetzt|mehr)|mehr (?:zu|zum|über) .{1,40}|weitere (?:infos?|informationen)\b.*|"
    r"(?:alle )?angaben ohne gewähr|permalink\b.*|permalien\b.*|"
    r"(?:kommentare|comments)(?: insgesamt)?\W*\d+|(?:kontakt|contact|ansprechpartner(?:in)?(?: zum thema)?)|"
    # reading time, downloads, toggles
    r"\d+\s*min(?:ute)?s?\.? read|lesedauer\W*\d+\s*min\w*|\d+\s*min\w* lesezeit|"
    r"(?:[\w-]+ ){0,2}als pdf(?: herunterladen)?|download (?:as )?pdf|pdf|"
    r"quellen (?:ausblenden|anzeigen|einblenden)|(?:mehr|weniger) anzeigen|show (?:more|less))\W*$",
    re.IGNORECASE,
)
MAX_CHROME_LINE_CHARS = 60
# Longer lines that are chrome wherever they stand: a login or subscription wall's prompt, a
# captcha's instruction, a consent placeholder of an embed, a post's filing line.
MAX_CHROME_SENTENCE_CHARS = 160
_CHROME_SENTENCE = re.compile(
    r"^(?:(?:sie müssen|you must) (?:sich )?(?:be )?(?:eingeloggt|angemeldet|logged in|einloggen|anmelden)|"
    r"sie sind (?:aktuell )?nicht (?:eingeloggt|angemeldet)|"
    r"to (?:view|read|continue reading) (?:the full|this|the rest of this) (?:story|article).{0,40}subscri|"
    r"we want to hear what you think about this|subscribe (?:now|today) to\b|"
    r"bitte geben sie die zahlenfolge|please enter the (?:code|characters)|"
    r"klicken sie auf den (?:unteren )?button, um den inhalt|click (?:on )?the button (?:below )?to load|"
    r"(?:kategorie|kategorien|category|categories|schlagwörter|schlagworte|filed under|abgelegt unter)\s*:|"
    r"(?:erstellt|veröffentlicht|geschrieben|posted) (?:am|on) .{0,60}(?:abgelegt unter|filed under))",
    re.IGNORECASE,
)
# A line that is only a timestamp, with at most a label ("Stand: 28.04.2023 16:11 Uhr",
# "28.04.2023 | 17:52 Uhr"), a photo or editor credit ("Foto: A. Name", "… © Agency",
# 【责任编辑：…】), a video's duration ("00:21 Min."), a bare dateline ("CNN —"), or a template
# placeholder left in the text ("$$ARTICLEAD$$").
MAX_LABEL_LINE_CHARS = 60
_TIMESTAMP_LABEL = re.compile(r"^\W*(?:\w+\W*){0,2}$")
_CREDIT_LINE = re.compile(  # used with match(): every branch starts the line
    r"(?:fotos?|photos?|bild(?:quelle)?|image|picture|credit|crédit|crédito)\s*:|"
    r"[【\[(（]\s*(?:责任编辑|編集|编辑)|\W*\d{1,2}:\d{2}\s*min\.?\W*$|"
    r"[A-Z][\w .,()]{0,30}\s[—–]$|"
    r"(?:\$\$|\{\{|\[\[|%%)\s*[A-Za-z_][\w.-]*\s*(?:\$\$|\}\}|\]\]|%%)$",  # a template's placeholder
    re.IGNORECASE,
)
# "Illustration by Mike Nudelman", "Foto von Anna Roth": a picture's credit, named as such.
MAX_BY_CREDIT_CHARS = 80
_BY_CREDIT = re.compile(
    r"(?i:illustration|photo(?:graph)?|image|picture|foto|bild|grafik)s?\s+(?i:by|von|par|de|di|por)\s+[A-Z]"
)
_COPYRIGHT_TAIL = re.compile(r"©\s*[^.!?]{1,60}$")
# A caption's closing credit: "Roman Novak, photo: Government archive", "… (Foto: Anna Roth)".
_CREDIT_TAIL = re.compile(
    r"(?<=\w)[\s.]*[,(]\s*(?i:photo|foto|bild|image|picture|credit)s?\s*:\s*[^.!?:]{1,60}\)?$"
)
# A file offered for download with its size: "Informationsschreiben (PDF | 38 KB)", "Download (123 KB)".
MAX_DOWNLOAD_LINE_CHARS = 200
_FILE_SIZE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:[kKMG]B|[kKM]iB)\b")
_FILE_WORD = re.compile(r"(?i:pdf|docx?|xlsx?|pptx?|zip|mp3|download|herunterladen|datei|file)")
# A blog's filing notice ("… abgelegt unter … Kommentare zu diesen Eintrag im RSS 2.0 Feed", "You
# can follow any responses to this entry through the RSS 2.0 feed"), an affiliate box's disclaimer
# ("Bei den Verlinkungen handelt es sich um Affiliate Links / Bilder von der Amazon Product
# Advertising API"), an ad's label opening a line ("ANZEIGE - Heute mal ausgehen?"), and a press
# contact (an e-mail address and a telephone number): notices of the site, wherever they stand.
MAX_NOTICE_LINE_CHARS = 300
_NOTICE = re.compile(
    r"\bRSS 2\.0[- ]feed\b|\bProduct Advertising API\b|\baffiliate[- ]links?\b.{0,80}\bamazon\b|"
    r"^(?:anzeige|advertisement|werbung)\s*[-–—:|]\s",
    re.IGNORECASE,
)
# Searched only in a line with an "@": "\S+@" tried at every position of every line is slow.
_CONTACT = re.compile(
    r"[^\s@]+@\S+\.\w+\W+(?:telefon|tel|phone|fon)\b|\b(?:telefon|tel|phone|fon)\W+[+\d][\d ()/-]{6,}\W+e-?mail\b",
    re.IGNORECASE,
)
# A row of a template's fields: "Aufrufe: 1120 | Hinzugefügt von: Posh | Tags: … | Rating: 0.0/0".
MIN_ROW_FIELDS = 3
_FIELD = re.compile(r"(?:^|\|)\s*[^\W\d][\w .-]{1,30}\s?:\s")


def _is_field_row(text: str) -> bool:
    return text.count("|") >= MIN_ROW_FIELDS - 1 and len(_FIELD.findall(text)) >= MIN_ROW_FIELDS


MAX_CREDIT_LINE_CHARS = 250
# A letter or digit, and a digit: searched in C, not tested a character at a time in Python.
_ALNUM = re.compile(r"[^\W_]")
_DIGIT = re.compile(r"\d")


def keep_block(block: Block) -> bool:
    """False for link lists, chrome lines and empty headings."""
    return line_rule(block) is None


def line_rule(block: Block) -> str | None:
    """The rule that makes ``block`` a line that is never article text (what keep_block and
    ``newsextract explain`` report), or None for a line that may be."""
    text = block.text
    if block.tag in ("figcaption", "caption"):
        return "caption"
    if not _ALNUM.search(text):
        return "no words"
    if block.link_density > MAX_LINK_DENSITY and len(text) < 200:
        return "link list"
    if len(text) < MAX_CHROME_LINE_CHARS and _CHROME_LINE.match(text):
        return "chrome line"
    if len(text) < MAX_CHROME_SENTENCE_CHARS and _CHROME_SENTENCE.match(text):
        return "chrome sentence"
    if len(text) < MAX_CREDIT_LINE_CHARS and (
        _CREDIT_LINE.match(text)
        or ("©" in text and _COPYRIGHT_TAIL.search(text))
        or (":" in text and _CREDIT_TAIL.search(text))
        or (len(text) < MAX_BY_CREDIT_CHARS and _BY_CREDIT.match(text))
    ):
        return "credit line"
    if (
        len(text) < MAX_DOWNLOAD_LINE_CHARS
        and "B" in text
        and _FILE_SIZE.search(text)
        and _FILE_WORD.search(text)
    ):
        return "file download line"
    if len(text) < MAX_NOTICE_LINE_CHARS and (
        _NOTICE.search(text) or ("@" in text and _CONTACT.search(text)) or _is_field_row(text)
    ):
        return "site notice"
    if block.tag == "p" and len(text) < MAX_LABEL_LINE_CHARS and _is_timestamp_line(text):
        return "timestamp line"
    if len(text) < MAX_PROMO_LINE_CHARS and _is_promo_line(text):
        return "sign-up pitch"
    return None


# A sign-up or subscription pitch: a call to sign up ("sign up", "abonniere") and the thing
# offered (a newsletter, a channel, the app), or a phrase only pitches use; in the dev sets'
# languages. A second person alone is no pitch ("Inbox: the inbox is a holding pen... you").
MAX_PROMO_LINE_CHARS = 250
# Matched against the case-folded line, the rare offer first: most lines stop there.
_PROMO_CALL = re.compile(
    r"\b(?:sign(?:ing)? up|subscribe|abonniere|abonnieren sie|inscrivez|abonnez|suscr[ií]b(?:ete|irse)|iscriviti|"
    r"follow us|folgst du|folgen sie uns)\b"
)
_PROMO_OFFER = re.compile(
    r"\b(?:newsletters?|inbox|whatsapp(?:-kanal)?|telegram(?:-kanal)?|e-?paper|push-nachrichten|apps?)\b"
)
_PROMO_PHRASES = (
    "réservée aux abonnés",
    "se connecter",
    "mit meiner anmeldung zum newsletter",
    "by signing up",
    "promotional offers",
)
_PROMO_PHRASE = re.compile(r"\b(?:" + "|".join(map(re.escape, _PROMO_PHRASES)) + r")\b")

# A literal that every match of _PROMO_OFFER or _PROMO_PHRASE holds ("whatsapp" holds "app",
# "e-paper" "paper"): a line with none of them, nearly every line, is passed by substring tests
# in C, more cheaply than by the two regex scans.
_PROMO_LITERALS = ("app", "inbox", "newsletter", "telegram", "paper", "push-nachrichten", *_PROMO_PHRASES)


def _is_promo_line(text: str) -> bool:
    low = text.casefold()
    if not any(literal in low for literal in _PROMO_LITERALS):
        return False
    return bool(_PROMO_PHRASE.search(low) or (_PROMO_OFFER.search(low) and _PROMO_CALL.search(low)))


def _is_timestamp_line(text: str) -> bool:
    """A date with at most a label word or two; list items (timelines, references) and the
    signature of an embedded post ("— Name (@handle) May 1, 2020") are not timestamps."""
    if "@" in text or not _DIGIT.search(text):
        return False
    date_text = find_date_text(text)
    return date_text is not None and bool(_TIMESTAMP_LABEL.match(text.replace(date_text, " ")))
