"""Web archives (WARC, WARC.gz) read as a stream with warcio: one record in memory at a time.

Crawls hold far more than articles: every successful HTML (or plain text)
response or resource is one article; requests, metadata, redirects, error
pages, images, scripts and styles are skipped without a word, since they are
what a web archive is made of, not bad input. A record's source is the file
and the record's byte offset in it (``crawl.warc.gz@1234``), so it can be
found again (``warcio extract``).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from milcoop.errors import EmptyInput, EncodingUnknown, InputError, MalformedRecord, TooLarge
from milcoop.reading.encoding import decode_bytes
from milcoop.reading.htmltext import extract_html
from milcoop.records import RawDocument

HTML = ("text/html", "application/xhtml+xml")
PLAIN = ("text/plain",)
RECORDS = ("response", "resource", "conversion")


def _ignore(_: int) -> None:
    return None


def _content_type(record) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _decode(data: bytes, content_type: str) -> str:
    """The payload as text: the declared charset when it reads, else the bytes' own evidence."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            try:
                return data.decode(value.strip("\"' "))
            except (LookupError, UnicodeDecodeError):
                break
    return decode_bytes(data)[0]


def _document(record, data: bytes, mime: str, source: str) -> RawDocument | InputError:
    try:
        text = _decode(data, _content_type(record))
    except ValueError:
        return EncodingUnknown("cannot tell the text encoding of the record", source=source)
    url = record.rec_headers.get_header("WARC-Target-URI")
    if mime in HTML:
        body, meta = extract_html(text)
        if not body.strip():
            return EmptyInput("no text found in the HTML", source=source)
        meta = {**meta, "url": meta.get("url") or url}
        return RawDocument(source=source, text=body, format="warc", **meta)
    if not text.strip():
        return EmptyInput("the record holds only whitespace", source=source)
    return RawDocument(source=source, text=text, url=url, format="warc")


def read_warc(path: Path, max_bytes: int, on_bytes: Callable[[int], None] = _ignore
              ) -> Iterator[RawDocument | InputError]:
    """A RawDocument per article record of a WARC file (gzip-compressed or not), errors as values."""
    name = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield InputError(f"cannot read the file: {exc.strerror or exc}", source=name)
        return
    done = 0
    end = 0  # where the last whole record ended
    with fh:
        size = os.fstat(fh.fileno()).st_size
        records = ArchiveIterator(fh)
        try:
            for record in records:
                mime = _content_type(record).split(";")[0].strip().lower()
                wanted = record.rec_type in RECORDS and mime in HTML + PLAIN
                if wanted and record.rec_type == "response":
                    status = record.http_headers.get_statuscode() if record.http_headers else ""
                    wanted = str(status).startswith("2")
                data = record.content_stream().read(max_bytes + 1) if wanted else b""
                cut = wanted and len(data) <= max_bytes and record.raw_stream.limit > 0
                source = f"{name}@{records.get_record_offset()}"  # known once the record is read
                end = records.get_record_offset() + records.get_record_length()
                item = None
                if record.rec_type is None:
                    item = MalformedRecord("not a WARC record (it has no WARC-Type)", source=source)
                elif cut:
                    item = MalformedRecord("the record is cut off (the archive ends inside it)", source=source)
                elif wanted and len(data) > max_bytes:
                    item = TooLarge(f"the record is over the {max_bytes}-byte limit", source=source)
                elif wanted:
                    item = _document(record, data, mime, source)
                position = fh.tell()
                on_bytes(position - done)
                done = position
                if item is not None:
                    yield item
            if _damaged_tail(fh, end, size):
                yield MalformedRecord("the archive is cut off or damaged after its last whole record", source=f"{name}@{end}")
        except ArchiveLoadFailed as exc:
            yield MalformedRecord(f"not a readable WARC record: {' '.join(str(exc).split())}",
                                  source=f"{name}@{end}")
        except (OSError, EOFError, ValueError) as exc:  # a broken gzip member
            yield MalformedRecord(f"the archive is damaged ({type(exc).__name__}: "
                                  f"{' '.join(str(exc).split()) or 'no detail'})", source=f"{name}@{end}")
    on_bytes(max(0, size - done))


def _damaged_tail(fh, end: int, size: int) -> bool:
    """Whether anything but blank lines follows the last whole record (a record cut off in its headers)."""
    if end >= size:
        return False
    fh.seek(end)
    return bool(fh.read(65536).strip())
