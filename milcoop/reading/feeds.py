"""RSS and Atom feeds (feedparser): one article per entry.

A news feed's entry carries the article's title, address, publication date
and its text as HTML (the full content, or at least a summary), which is
what an article needs; the longest of the entry's contents is taken. The
feed's bytes are handed to feedparser as they are (it reads the XML
encoding declaration itself), never a URL, so nothing is fetched.
"""
from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser

from milcoop.errors import EmptyInput, InputError, MalformedRecord
from milcoop.reading.htmltext import fragment_text
from milcoop.records import RawDocument


def looks_like_feed(head: str) -> bool:
    """Whether a file starting with ``head`` is an RSS or Atom document."""
    start = head.lstrip("\ufeff \t\r\n")[:2000].lower()
    return start.startswith(("<rss", "<feed", "<rdf:rdf")) or (
        start.startswith("<?xml") and any(tag in start for tag in ("<rss", "<feed", "<rdf:rdf")))


def _date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _body(entry) -> str:
    htmls = [c.get("value") or "" for c in entry.get("content") or []]
    htmls.append(entry.get("summary") or "")
    return max(htmls, key=len)


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | InputError]:
    """A RawDocument per entry of an RSS/Atom feed (``source#N``, N from 1), errors as values."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = " ".join(str(parsed.get("bozo_exception") or "malformed XML").split())
            yield MalformedRecord(f"not a readable RSS/Atom feed ({reason})", source=source)
        else:
            yield EmptyInput("the feed has no entries", source=source)
        return
    lang = (parsed.feed.get("language") or "").split("-")[0].lower() or None
    damaged = (f"; the feed is malformed ({' '.join(str(parsed.get('bozo_exception')).split())})"
               if parsed.get("bozo") else "")
    for index, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{index}"
        text = fragment_text(_body(entry))
        if not text.strip():
            yield EmptyInput(f"the entry has no text (no content or summary){damaged}", source=where)
            continue
        yield RawDocument(source=where, text=text, format="feed", external_id=entry.get("id") or None,
                          url=entry.get("link") or None, title=(entry.get("title") or "").strip() or None,
                          lang=lang, published=_date(entry))
