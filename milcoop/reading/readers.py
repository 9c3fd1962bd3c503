"""Files and folders -> RawDocument records, one per article.

Formats by extension, else by content: plain text (``.txt`` and unknown text
files), JSON Lines (``.jsonl``/``.ndjson``), JSON (``.json``: an object or a
list of them), CSV/TSV with a text column, HTML, web archives (``.warc``,
``.warc.gz``) and RSS/Atom feeds (``.rss``, ``.atom``, ``.xml``). JSON Lines
and WARC are read as streams (``streams``, ``warc``), so their size is not
limited, only each record's; the other formats are read whole, up to
``max_bytes``. A bad file or record is yielded as an ``InputError`` (never
raised) so a batch goes on. ``on_bytes`` hears how many bytes of input each
step consumed (a progress bar's measure).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from milcoop.errors import (BinaryInput, EmptyInput, EncodingUnknown, InputError,
                            MalformedRecord, MissingField, TooLarge, UnsupportedFormat)
from milcoop.reading.encoding import decode_bytes, sniff_binary
from milcoop.reading.feeds import looks_like_feed, read_feed
from milcoop.reading.htmltext import extract_html
from milcoop.reading.streams import Progress, parse_line, read_jsonl
from milcoop.reading.warc import read_warc
from milcoop.records import RawDocument

FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc", ".warc.gz": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
STREAMED = ("jsonl", "warc")  # read record by record, never whole
SNIFF_BYTES = 8192
TEXT_COLUMNS = ("text", "body", "content", "article", "текст", "мәтін")
FIELD_COLUMNS = {
    "external_id": ("id", "external_id", "doc_id"),
    "url": ("url", "link", "href"),
    "title": ("title", "headline", "заголовок", "тақырып"),
    "lang": ("lang", "language"),
    "published": ("published", "date", "pubdate", "published_at", "datetime"),
}


def iter_documents(
    paths: Iterable[str | Path] | str | Path,
    *,
    text_column: str | None = None,
    max_bytes: int = 20_000_000,
    on_bytes: Progress | None = None,
) -> Iterator[RawDocument | InputError]:
    """Yield a RawDocument per article found in ``paths`` (files or folders),
    and an InputError for each file or record that cannot be read."""
    counted = on_bytes or _ignore
    for path in _expand([paths] if isinstance(paths, (str, Path)) else paths):
        if isinstance(path, InputError):
            yield path
        elif (fmt := _format_of(path) or _sniff_stream(path)) in STREAMED:
            if fmt == "warc":
                yield from read_warc(path, max_bytes, counted)
            else:
                yield from read_jsonl(path, max_bytes, counted, _record,
                                      lambda p: _read_file(p, text_column, max_bytes))
        else:
            yield from _read_file(path, text_column, max_bytes)
            counted(_size(path))


def input_size(paths: Iterable[str | Path] | str | Path) -> int:
    """Bytes of every readable file under ``paths``: the whole of an ingest's ``on_bytes`` measure."""
    return sum(_size(p) for p in _expand([paths] if isinstance(paths, (str, Path)) else paths)
               if not isinstance(p, InputError))


def _ignore(_: int) -> None:
    return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _format_of(path: Path) -> str | None:
    """The format an extension names (``.warc.gz`` included), or None."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return FORMATS.get(path.suffix.lower())


def _sniff_stream(path: Path) -> str | None:
    """'warc' or 'jsonl' for a file without a known extension that holds one, else None."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return None
    if head.startswith(b"WARC/"):
        return "warc"
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    if first.startswith(b"{") and (b"\n" in head.lstrip() or len(head) < SNIFF_BYTES):
        try:
            return "jsonl" if isinstance(json.loads(first.decode("utf-8")), dict) else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
    return None


def _error(kind: type[InputError], message: str, source: str, line: int | None = None) -> InputError:
    """An error whose message is a single line."""
    return kind(" ".join(message.split()), source=source, line=line)


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files in the given order; folders recursively, sorted, hidden entries skipped."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
                if found.is_file() and not hidden:
                    yield found
        elif path.is_file():
            yield path
        elif not path.exists():
            yield _error(InputError, "no such file or folder", str(path))
        else:
            yield _error(UnsupportedFormat, "not a regular file", str(path))


def _read_file(path: Path, text_column: str | None,
               max_bytes: int) -> Iterator[RawDocument | InputError]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield _error(TooLarge, f"file is {size} bytes, over the {max_bytes}-byte limit", source)
            return
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        yield _error(InputError, f"cannot read the file: {exc.strerror or exc}", source)
        return
    if len(data) > max_bytes:
        yield _error(TooLarge, f"file is over the {max_bytes}-byte limit", source)
        return
    if not data.strip():
        message = "the file is empty" if not data else "the file holds only whitespace"
        yield _error(EmptyInput, message, source)
        return
    extension = path.suffix.lower()
    binary = sniff_binary(data)
    if binary:
        if extension and extension not in FORMATS:
            yield _error(UnsupportedFormat, f"unsupported file type '{extension}' ({binary})", source)
        else:
            yield _error(BinaryInput, f"binary content ({binary}), not text", source)
        return
    try:
        text, _encoding = decode_bytes(data)
    except ValueError:
        yield _error(EncodingUnknown, "cannot tell the text encoding (not UTF-8/16, cp1251, koi8-r ...)", source)
        return
    if not text.strip():
        yield _error(EmptyInput, "the file holds only whitespace", source)
        return
    fmt = FORMATS.get(extension) or _sniff_format(text)
    if fmt == "feed":
        yield from read_feed(data, source)
    elif fmt == "jsonl":
        yield from _read_jsonl(text, source)
    elif fmt == "json":
        yield from _read_json(text, source)
    elif fmt in ("csv", "tsv"):
        yield from _read_table(text, source, fmt, text_column, max_bytes)
    elif fmt == "html":
        yield _read_html(text, source)
    else:
        yield RawDocument(source=source, text=text, format="txt")


def _sniff_format(text: str) -> str:
    """Guess the format of a file without a known extension."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    if looks_like_feed(text[:SNIFF_BYTES]):
        return "feed"
    first = text.lstrip().split("\n", 1)[0]
    if first.startswith("{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except json.JSONDecodeError:
            pass
    return "txt"


def _read_jsonl(text: str, source: str) -> Iterator[RawDocument | InputError]:
    """A JSON Lines file read whole (one in UTF-16, which cannot be split into lines as bytes)."""
    for number, line in enumerate(text.split("\n"), start=1):
        item = parse_line(line, source, number, _record)
        if item is not None:
            yield item


def _read_json(text: str, source: str) -> Iterator[RawDocument | InputError]:
    """A JSON object or a list of objects; ``source`` gets ``#N``, the record's index."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _error(MalformedRecord, f"not valid JSON ({exc.msg})", source, exc.lineno)
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        item = _record(record, source, None, "json")
        if isinstance(item, RawDocument):
            item.source = f"{source}#{index}"
        elif item.line is None:
            item = type(item)(item.message, source=f"{source}#{index}")
        yield item


def _record(record: Any, source: str, line: int | None, fmt: str) -> RawDocument | InputError:
    """A JSON record -> RawDocument, or the error that stops it."""
    if not isinstance(record, dict):
        return _error(MalformedRecord, f"expected a JSON object, got {type(record).__name__}", source, line)
    text = record.get("text")
    if text is None:
        fields = ", ".join(map(str, record)) or "none"
        return _error(MissingField, f"record has no 'text' field (fields: {fields})", source, line)
    if not isinstance(text, str):
        return _error(MalformedRecord, f"'text' is a {type(text).__name__}, not a string", source, line)
    if not text.strip():
        return _error(EmptyInput, "'text' is empty", source, line)
    return RawDocument(
        source=f"{source}:{line}" if line is not None else source, text=text, format=fmt,
        external_id=_field(record, "id", "external_id"), url=_field(record, "url"),
        title=_field(record, "title"), lang=_field(record, "lang"),
        published=_field(record, "published", "date"),
    )


def _field(record: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def _read_table(text: str, source: str, fmt: str, text_column: str | None,
                max_bytes: int) -> Iterator[RawDocument | InputError]:
    delimiter = "\t" if fmt == "tsv" else _delimiter(text.split("\n", 1)[0])
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(row for row in reader if any(cell.strip() for cell in row))
    except StopIteration:
        yield _error(EmptyInput, "no header row", source)
        return
    except csv.Error as exc:
        yield _error(MalformedRecord, f"cannot parse the header: {exc}", source, reader.line_num)
        return
    columns = [cell.strip().lstrip("\ufeff") for cell in header]
    names = [column.casefold() for column in columns]
    wanted = (text_column,) if text_column else TEXT_COLUMNS
    text_at = next((names.index(w.casefold()) for w in wanted if w.casefold() in names), None)
    if text_at is None:
        yield _error(MissingField, f"no text column (looked for {', '.join(wanted)}); "
                     f"columns found: {', '.join(columns) or 'none'}", source)
        return
    fields = {key: next((names.index(a) for a in aliases if a in names), None)
              for key, aliases in FIELD_COLUMNS.items()}
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _error(MalformedRecord, f"cannot parse the row: {exc}", source, start)
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            yield _error(MalformedRecord, f"row has {len(row)} fields, the header has {len(columns)}",
                         source, start)
            continue
        row += [""] * (len(columns) - len(row))
        if not row[text_at].strip():
            yield _error(EmptyInput, f"column '{columns[text_at]}' is empty", source, start)
            continue
        values = {key: (row[at].strip() or None) if at is not None else None for key, at in fields.items()}
        yield RawDocument(source=f"{source}:{start}", text=row[text_at], format=fmt, **values)


def _delimiter(first_line: str) -> str:
    """The most frequent of , ; TAB | in the header line (comma on a tie)."""
    return max(",;\t|", key=lambda d: (first_line.count(d), d == ","))


def _read_html(html: str, source: str) -> RawDocument | InputError:
    text, meta = extract_html(html)
    if not text.strip():
        return _error(EmptyInput, "no text found in the HTML", source)
    return RawDocument(source=source, text=text, format="html", **meta)
