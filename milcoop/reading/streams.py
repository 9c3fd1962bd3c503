"""JSON Lines read as a stream: one line in memory at a time, whatever the file's size.

The text encoding is decided once from the file's head (``decode_bytes``
on up to 64 KB ending at a line break), then every line is decoded alone, so
a 1 GB export costs the memory of its longest record. Encodings whose line
breaks are not the byte ``\\n`` (UTF-16, UTF-32) cannot be split that way:
such files are read whole, within the usual size limit.
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from milcoop.errors import (BinaryInput, EmptyInput, EncodingUnknown, InputError, MalformedRecord, TooLarge)
from milcoop.reading.encoding import decode_bytes, sniff_binary, wide_encoding
from milcoop.records import RawDocument

HEAD_BYTES = 1 << 16  # what the encoding is decided on
SKIP_CHUNK = 1 << 20  # an over-long line is skipped this many bytes at a time

Progress = Callable[[int], None]


def _ignore(_: int) -> None:
    return None


def lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[bytes | None, int]]:
    """``(line, bytes consumed)`` for each line of ``fh``; ``None`` for a line over ``max_bytes`` (skipped unread)."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while not line.endswith(b"\n"):
                line = fh.readline(SKIP_CHUNK)
                if not line:
                    break
                size += len(line)
            yield None, size
            continue
        yield line, len(line)


def stream_encoding(head: bytes) -> str:
    """The codec of a file whose first bytes are ``head`` (``ValueError`` when none reads)."""
    wide = wide_encoding(head)
    if wide:
        return codecs.lookup(wide).name
    cut = head.rfind(b"\n")
    sample = head[:cut + 1] if 0 < cut < len(head) - 1 else head
    _, encoding = decode_bytes(sample)
    return codecs.lookup(encoding).name


def splits_on_newline(codec: str) -> bool:
    """Whether every line of text in ``codec`` ends with the byte ``\\n`` (ASCII-compatible codecs)."""
    return "\n".encode(codec) == b"\n" and "\n\n".encode(codec) == b"\n\n"


def read_jsonl(path: Path, max_bytes: int, on_bytes: Progress = _ignore,
               record: Callable[..., RawDocument | InputError] | None = None,
               whole: Callable[[Path], Iterator[RawDocument | InputError]] | None = None
               ) -> Iterator[RawDocument | InputError]:
    """A RawDocument (or the InputError that stops it) per line of a JSON Lines file.

    ``record(obj, source, line, fmt)`` turns a parsed object into a document
    (``readers._record``); ``whole(path)`` reads a file that cannot be streamed.
    """
    source = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield InputError(f"cannot read the file: {exc.strerror or exc}", source=source)
        return
    with fh:
        head = fh.read(HEAD_BYTES)
        if not head.strip():
            on_bytes(len(head))
            yield EmptyInput("the file is empty" if not head else "the file holds only whitespace", source=source)
            return
        binary = sniff_binary(head)
        if binary:
            on_bytes(path.stat().st_size)
            yield BinaryInput(f"binary content ({binary}), not text", source=source)
            return
        try:
            codec = stream_encoding(head)
        except ValueError:
            on_bytes(path.stat().st_size)
            yield EncodingUnknown("cannot tell the text encoding (not UTF-8/16, cp1251, koi8-r ...)", source=source)
            return
        if not splits_on_newline(codec) and whole is not None:
            on_bytes(path.stat().st_size)
            yield from whole(path)
            return
        fh.seek(0)
        for number, (raw, size) in enumerate(lines(fh, max_bytes), start=1):
            on_bytes(size)
            if raw is None:
                yield TooLarge(f"the line is over the {max_bytes}-byte limit", source=source, line=number)
                continue
            try:
                line = raw.decode(codec)
            except UnicodeDecodeError as exc:
                yield MalformedRecord(f"the line is not valid {codec} (byte {exc.start + 1})",
                                      source=source, line=number)
                continue
            if number == 1:
                line = line.lstrip("\ufeff")
            item = parse_line(line, source, number, record)
            if item is not None:
                yield item


def parse_line(line: str, source: str, number: int, record) -> RawDocument | InputError | None:
    """One JSON Lines record, an error naming its line, or None for a blank line."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return MalformedRecord(" ".join(f"not valid JSON (truncated or malformed line: {exc.msg}, "
                                        f"column {exc.colno})".split()), source=source, line=number)
    return record(obj, source, number, "jsonl")
