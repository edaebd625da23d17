"""An Explanation as one self-contained HTML page: inline CSS, no scripts, no external requests;
every piece of page text escaped."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ._candidates import FIELDS as CANDIDATE_FIELDS
from ._trace import KEPT, OUTSIDE, REMOVED

if TYPE_CHECKING:
    from . import Explanation

__all__ = ["render"]

# Longer block texts are cut in the report (the JSON keeps them whole).
MAX_SHOWN_CHARS = 600
MAX_VALUE_CHARS = 300

_CSS = """
:root { --kept: #1a7f37; --kept-bg: #e9f7ee; --removed: #b42318; --removed-bg: #fdecea;
  --outside: #667085; --outside-bg: #f4f5f7; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2433;
  margin: 0 auto; max-width: 1100px; padding: 16px 20px 48px; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px;
  border-bottom: 1px solid #d0d5dd; padding-bottom: 4px; } h3 { font-size: 14px; margin: 16px 0 6px; }
.meta { color: #475467; margin: 2px 0; word-break: break-all; }
.error { color: var(--removed); font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #eaecf0;
  overflow-wrap: anywhere; }
th { background: #f9fafb; font-weight: 600; }
table.fields col.k { width: 130px; } table.fields col.s { width: 300px; }
table.cands col.w { width: 56px; } table.cands col.k { width: 90px; } table.cands col.s { width: 300px; }
td.key { font-family: ui-monospace, monospace; }
tr.won td { background: var(--kept-bg); font-weight: 600; }
.none { color: #98a2b3; font-style: italic; }
.legend span { display: inline-block; padding: 1px 8px; border-radius: 10px; margin-right: 6px; }
ol.blocks { list-style: none; padding: 0; margin: 0; }
li.block { border-left: 4px solid; margin: 2px 0; padding: 3px 8px; border-radius: 2px;
  display: grid; grid-template-columns: 230px 1fr; column-gap: 10px; }
.why { overflow-wrap: anywhere; }
li.kept, .legend .kept { border-color: var(--kept); background: var(--kept-bg); }
li.removed, .legend .removed { border-color: var(--removed); background: var(--removed-bg); }
li.outside, .legend .outside { border-color: var(--outside); background: var(--outside-bg); color: #475467; }
.badge { font: 600 11px ui-monospace, monospace; text-transform: uppercase; margin-right: 6px; }
li.kept .badge { color: var(--kept); } li.removed .badge { color: var(--removed); }
li.outside .badge { color: var(--outside); }
.tag, .element { font: 11px ui-monospace, monospace; color: #475467; margin-right: 6px; }
.rule { font: 600 12px ui-monospace, monospace; color: var(--removed); margin-right: 6px; }
li.kept .rule { color: var(--kept); }
.tag, .rule, .element { display: block; }
.badge, .tag { display: inline; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
"""


def render(report: Explanation) -> str:
    """The report page."""
    article = report.article
    title = article.title if article is not None and article.title else report.url or "page"
    counts = report.counts()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No request leaves the report: no scripts, no images, no fonts, no frames.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>newsextract explain: {_e(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(title)}</h1>",
        f'<p class="meta">URL: {_e(report.url or "unknown")}</p>',
        f'<p class="meta">Extractor: {_e(report.extractor)} · body container: '
        f"{_e(', '.join(report.container) or 'none in the page markup')}</p>",
    ]
    if report.error:
        parts.append(f'<p class="error" id="error">No article: {_e(report.error)}</p>')
    parts.append("</header>")
    parts += _summary(report)
    parts += [
        '<section id="blocks"><h2>Text blocks in page order</h2>',
        '<p class="legend">'
        f'<span class="kept">{counts[KEPT]} kept</span>'
        f'<span class="removed">{counts[REMOVED]} removed</span>'
        f'<span class="outside">{counts[OUTSIDE]} outside the container</span></p>',
        '<ol class="blocks">',
        *(_block(b) for b in report.blocks),
        "</ol></section>",
    ]
    parts += _candidates(report)
    parts += _quotes(report)
    parts += _warnings(report)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _summary(report: Explanation) -> list[str]:
    parts = ['<section id="record"><h2>Record</h2>']
    if report.article is None:
        return [*parts, '<p class="none">No record: the page holds no article.</p></section>']
    parts.append('<table class="fields"><colgroup><col class="k"><col><col class="s"></colgroup>')
    parts.append("<tr><th>field</th><th>value</th><th>from</th></tr>")
    for key, value in report.article.to_dict().items():
        source = report.sources.get(key, "")
        parts.append(
            f'<tr data-field="{_e(key)}"><td class="key">{_e(key)}</td><td>{_value(key, value)}</td>'
            f"<td>{_e(source)}</td></tr>"
        )
    parts.append("</table></section>")
    return parts


def _value(key: str, value: Any) -> str:
    """A record value, short: the body as its length and first paragraph, lists joined."""
    if value is None or value == [] or value == "":
        return '<span class="none">none</span>'
    if key == "body":
        return _e(f"{len(value)} paragraphs: {_cut(value[0], MAX_VALUE_CHARS)}")
    if isinstance(value, list):
        items = [
            " · ".join(f"{k}: {v}" for k, v in item.items() if v is not None)
            if isinstance(item, dict)
            else item
            for item in value
        ]
        return "<br>".join(_e(_cut(str(item), MAX_VALUE_CHARS)) for item in items)
    return _e(_cut(str(value), MAX_VALUE_CHARS))


def _block(block: Any) -> str:
    badge = f"kept ¶{block.paragraph}" if block.status == KEPT else block.status
    rule = block.rule or ""
    if block.detail:
        rule = f"{rule}: {block.detail}" if rule else block.detail
    pieces = ['<div class="why">', f'<span class="badge">{_e(badge)}</span>']
    pieces.append(f'<span class="tag">&lt;{_e(block.tag)}&gt;</span>')
    if rule:
        pieces.append(f'<span class="rule">{_e(rule)}</span>')
    if block.element:
        pieces.append(f'<span class="element">{_e(block.element)}</span>')
    pieces.append(f'</div><div class="text">{_e(_cut(block.text, MAX_SHOWN_CHARS))}</div>')
    return f'<li class="block {block.status}" data-status="{block.status}">{"".join(pieces)}</li>'


def _candidates(report: Explanation) -> list[str]:
    parts = ['<section id="candidates"><h2>Candidates</h2>']
    for field in CANDIDATE_FIELDS:
        rows = [c for c in report.candidates if c.field == field]
        parts.append(f'<h3 id="candidates-{field}">{_e(field)}</h3>')
        if not rows:
            parts.append('<p class="none">The page offers none.</p>')
            continue
        parts.append(
            '<table class="cands"><colgroup><col class="w"><col><col class="k"><col class="s"></colgroup>'
        )
        parts.append("<tr><th>won</th><th>value</th><th>kind</th><th>source</th></tr>")
        for c in rows:
            parts.append(
                f'<tr class="{"won" if c.won else "lost"}"><td>{"✓" if c.won else "=" if c.agrees else ""}</td>'
                f"<td>{_e(_cut(c.value, MAX_VALUE_CHARS))}</td><td>{_e(c.kind)}</td><td>{_e(c.source)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</section>")
    return parts


def _quotes(report: Explanation) -> list[str]:
    parts = ['<section id="quotes"><h2>Quotes</h2>']
    if not report.quotes:
        return [*parts, '<p class="none">No quotations in the body.</p></section>']
    parts.append("<table><tr><th>speaker</th><th>words</th><th>¶</th></tr>")
    for q in report.quotes:
        speaker = _e(q.speaker) if q.speaker else '<span class="none">unattributed</span>'
        parts.append(f"<tr><td>{speaker}</td><td>{_e(q.text)}</td><td>{q.paragraph}</td></tr>")
    parts.append("</table></section>")
    return parts


def _warnings(report: Explanation) -> list[str]:
    parts = ['<section id="warnings"><h2>Warnings</h2>']
    if not report.warnings:
        return [*parts, '<p class="none">None.</p></section>']
    parts += ["<ul>", *(f"<li>{_e(w)}</li>" for w in report.warnings), "</ul></section>"]
    return parts
