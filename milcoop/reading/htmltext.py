"""HTML page -> main text and metadata, offline (no URL is ever fetched).

trafilatura finds the article body and its title, date and canonical URL;
when it finds nothing, a plain lxml pass keeps every visible text block.
"""
from __future__ import annotations

import json
import logging

import trafilatura
from lxml import etree
from lxml import html as lxml_html

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
           "article", "blockquote", "pre", "header", "footer", "dd", "dt", "figcaption"}
_INVISIBLE = "//script|//style|//noscript|//template|//head|//svg"

logging.getLogger("trafilatura").setLevel(logging.ERROR)


def extract_html(html: str) -> tuple[str, dict[str, str | None]]:
    """``(text, {"title", "published", "url", "lang"})`` of an HTML document."""
    try:
        found = trafilatura.extract(html, with_metadata=True, output_format="json")
    except Exception:  # trafilatura gives up on some malformed markup
        found = None
    if found:
        data = json.loads(found)
        if (data.get("text") or "").strip():
            return data["text"], {
                "title": data.get("title"), "published": data.get("date"),
                "url": data.get("source"), "lang": data.get("language"),
            }
    return _plain_text(html)


def fragment_text(html: str) -> str:
    """The visible text of an HTML fragment (a feed entry's content), one block a line; plain text stays."""
    if "<" not in html:
        return html.strip()
    return _plain_text(f"<html><body>{html}</body></html>")[0]


def _plain_text(html: str) -> tuple[str, dict[str, str | None]]:
    """Every visible text block of the page, one per line."""
    try:
        doc = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return "", {}
    title = (doc.findtext(".//title") or "").strip() or None
    lang = doc.get("lang")
    for element in doc.xpath(_INVISIBLE):
        element.drop_tree()
    for element in doc.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in doc.text_content().split("\n"))
    text = "\n".join(line for line in lines if line)
    return text, {"title": title, "published": None, "url": None, "lang": lang}
