"""Quoted speech in body paragraphs, with the speaker when the text names one.

A quotation counts as speech when it is long enough to be said (scare quotes such as "shadow
fleet" are two words) and, for short ones, when a cue (a speech verb, a naming frame such as
"called it") stands in its sentence or paragraph. The speaker is the name beside a cue on either
side of the quotation, with evidence that it names a person or an organisation; a pronoun or a
role noun ("she added", "– додав міністр") takes the latest one named before it.

One module per step:

* ``_marks``: quotation marks and spans, sentences, quoted strings that are not speech;
* ``_names``: the shape of a name span, and what it holds besides the name;
* ``_slavic``: Ukrainian and Russian case forms, roles and organisations;
* ``_cues``: speech verbs, frames and the patterns that put a name beside a cue;
* ``_register``: the article's people and organisations, and the evidence for each;
* ``_attribution``: which quotations are speech, and who says each (``find_quotes``).
"""

from __future__ import annotations

from ._attribution import find_quotes
from ._marks import MAX_QUOTES

__all__ = ["MAX_QUOTES", "find_quotes"]
