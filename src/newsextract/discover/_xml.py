"""Small readers over ElementTree elements, shared by the sitemap and feed readers."""

from __future__ import annotations

from xml.etree.ElementTree import Element

__all__ = ["children", "local", "text"]


def local(tag: object) -> str:
    """An element's name without its namespace, lower-cased (``{...}RDF`` -> ``rdf``)."""
    return str(tag).rsplit("}", 1)[-1].lower()


def children(elem: Element) -> dict[str, Element]:
    """Direct children by local name, the first of each (an image:loc inside image:image is not
    the url's loc: only direct children count)."""
    found: dict[str, Element] = {}
    for child in elem:
        found.setdefault(local(child.tag), child)
    return found


def text(elem: Element | None) -> str | None:
    """The element's text with runs of white space made one space, or None when empty."""
    if elem is None:
        return None
    joined = " ".join("".join(elem.itertext()).split())
    return joined or None
