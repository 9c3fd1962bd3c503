"""RawDocument -> Article: drop scraping noise, normalise whitespace, keep a map.

Works line by line. A line goes if it is noise (``data/noise.yaml``), a repeat
of a line near the top, a link list after a "read also" marker, everything
after an end-of-page marker (comments, related news), or part of a tail of
short headline-like lines glued after the last real paragraph. Kept lines are
copied verbatim (whitespace runs inside them collapse to one space) and joined
with ``\\n``, or ``\\n\\n`` where the raw text had a blank line, so paragraphs
survive and every copied run is recorded in ``Article.segments``. Kazakh written in Latin
letters is read back into Cyrillic (``kk_latin``), each letter mapped to its raw offset.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import astuple, dataclass, field
from functools import lru_cache

from milcoop.errors import EmptyInput
from milcoop.reading._data import load
from milcoop.reading.dateline import Dateline, detect_dateline
from milcoop.reading.dates import parse_date
from milcoop.reading.kk_latin import alphabet_of, to_cyrillic
from milcoop.reading.textmap import TextMap, segments_through
from milcoop.records import Article, RawDocument

TOP_CHARS = 1200  # "near the top", for repeated title lines
TITLE_MAX = 90  # a headline-like line is at most this long ...
_SENTENCE_END = re.compile(r"[.!?…;]['\"»”’)\]]*$")  # ... and does not end a sentence
# Zero-width characters, soft hyphens and control codes: dropped inside lines.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\xad\x7f" + "".join(map(chr, range(32))))
_INVISIBLE_CLASS = re.escape("".join(sorted(_INVISIBLE - {"\n"})))
_TOKENS = re.compile(rf"[^\s{_INVISIBLE_CLASS}]+|[\s{_INVISIBLE_CLASS}]+")
_CAPTION = re.compile(r"(фото|photo|сурет|image|источник|©)", re.IGNORECASE)
_EDGE_PUNCT = " /•·|-–—:."
TINY = 15  # three or more lines this short in a row are a widget (weather,
TINY_RUN = 3  # rates, view counters), not prose


@dataclass
class _Line:
    start: int  # raw offset of the line's first character
    end: int  # raw offset of the newline ending it (or len(raw))
    pieces: list[tuple[str, int | None]] = field(default_factory=list)  # (text, raw offset)

    @property
    def text(self) -> str:
        return "".join(piece for piece, _ in self.pieces)


@dataclass(frozen=True)
class _Rules:
    exact: frozenset[str]
    regex: tuple[re.Pattern[str], ...]
    with_next: dict[str, int]
    cut_rest: frozenset[str]
    prefix: tuple[re.Pattern[str], ...]


def clean(raw: RawDocument) -> Article:
    """Clean a raw document into an Article (raises EmptyInput if nothing is left)."""
    lines = _split_lines(raw.text)
    kept = _select(lines, len(raw.text))
    out = TextMap(raw.text)
    previous: int | None = None
    for index in kept:
        if previous is not None:
            out.copy(lines[previous].end, lines[previous].end + 1)
            blank = next((line for line in lines[previous + 1:index] if not line.pieces), None)
            if blank is not None:
                out.copy(blank.end, blank.end + 1)
        for piece, offset in lines[index].pieces:
            if offset is None:
                out.insert(piece)
            else:
                out.copy(offset, offset + len(piece))
        previous = index
    text, segments, lang = out.text, out.segments, raw.lang
    if not text.strip():
        raise EmptyInput("no article text left after removing noise", source=raw.source)
    alphabet = alphabet_of(text) if raw.lang in (None, "kk") else None
    if alphabet:  # Kazakh in Latin letters: read on in Cyrillic, offsets still into the raw text
        text, origin = to_cyrillic(text, alphabet)
        segments, lang = segments_through(segments, origin), "kk"
    header = detect_dateline(raw.text, raw.url, raw.title)
    if not all(header):  # page furniture may push the dateline out of the raw header
        other = detect_dateline(text, raw.url, raw.title)
        header = Dateline(*(mine or theirs for mine, theirs in zip(astuple(header), astuple(other))))
    return Article(
        id=article_id(text), external_id=raw.external_id, source=raw.source, url=raw.url,
        title=raw.title, lang=lang, text=text, raw_text=raw.text, segments=segments,
        outlet=header.outlet, dateline_city=header.city,
        published=parse_date(raw.published) or header.published, format=raw.format,
    )


def article_id(text: str) -> str:
    """First 16 hex digits of sha256 over the NFC, lower-cased, space-collapsed text."""
    normal = " ".join(unicodedata.normalize("NFC", text).lower().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def _split_lines(raw: str) -> list[_Line]:
    """Lines with their content as pieces; whitespace runs become one space."""
    lines = []
    start = 0
    while start <= len(raw):
        end = raw.find("\n", start)
        end = len(raw) if end < 0 else end
        line = _Line(start, end)
        tokens = list(_TOKENS.finditer(raw, start, end))
        for i, token in enumerate(tokens):
            word = token[0]
            if not word[0].isspace() and word[0] not in _INVISIBLE:
                line.pieces.append((word, token.start()))
            elif 0 < i < len(tokens) - 1 and any(c.isspace() for c in word):
                line.pieces.append((" ", token.start()) if word[0] == " " else (" ", None))
        lines.append(line)
        start = end + 1
    return lines


def _select(lines: list[_Line], raw_length: int) -> list[int]:
    """Indexes of the lines to keep, in order."""
    rules = _rules()
    content = [i for i, line in enumerate(lines) if line.pieces]
    if content:
        _strip_prefix(lines[content[0]], rules.prefix)
    drop = {i for i in content if not lines[i].pieces or _is_noise(lines[i].text, rules)}
    _drop_markers(lines, content, drop, rules, raw_length)
    _drop_widgets(lines, content, drop)
    _drop_headline_tail(lines, content, drop)
    _drop_repeats(lines, content, drop, min(TOP_CHARS, raw_length // 2))
    return [i for i in content if i not in drop]


def _key(text: str) -> str:
    """A line as noise lists write it: NFC, case-folded, without a trailing colon."""
    return unicodedata.normalize("NFC", " ".join(text.split())).rstrip(": ").casefold()


def _is_noise(text: str, rules: _Rules) -> bool:
    text = unicodedata.normalize("NFC", text)
    return _key(text) in rules.exact or any(rx.search(text) for rx in rules.regex)


def _title_like(text: str) -> bool:
    """At most TITLE_MAX characters and not ending a sentence."""
    return len(text) <= TITLE_MAX and not _SENTENCE_END.search(text)


def _strip_prefix(line: _Line, prefixes: tuple[re.Pattern[str], ...]) -> None:
    """Cut a scraper stamp (``date 2025-10-31``) off the start of the first line."""
    for rx in prefixes:
        match = rx.match(line.text)
        if match and match.end():
            cut, kept = match.end(), []
            for piece, offset in line.pieces:
                if cut >= len(piece):
                    cut -= len(piece)
                    continue
                kept.append((piece[cut:], None if offset is None else offset + cut))
                cut = 0
            line.pieces = kept if kept and kept[0][0] != " " else kept[1:]
            return


def _drop_markers(lines, content, drop, rules, raw_length) -> None:
    """"Read also" markers take the next link lines along; end-of-page markers cut the rest."""
    for k, index in enumerate(content):
        key = _key(lines[index].text)
        if key in rules.cut_rest and lines[index].start >= raw_length / 3:
            drop.update(content[k:])
            return
        if key in rules.with_next:
            drop.add(index)
            followers = [i for i in content[k + 1:] if i not in drop][: rules.with_next[key]]
            for follower in followers:
                if not _title_like(lines[follower].text):
                    break
                drop.add(follower)


def _drop_widgets(lines, content, drop) -> None:
    """Runs of TINY_RUN+ adjacent tiny lines ("-9", "USD", "446", "+0.31")."""
    runs: list[list[int]] = [[]]
    for index in content:
        if len(lines[index].text) > TINY:
            runs.append([])
        elif runs[-1] and index != runs[-1][-1] + 1:
            runs.append([index])
        else:
            runs[-1].append(index)
    for run in runs:
        if len(run) >= TINY_RUN:
            drop.update(run)


def _drop_repeats(lines, content, drop, top: int) -> None:
    """A line repeated near the top (the title again, or with a photo credit): keep the first."""
    seen: list[str] = []
    for index in content:
        if lines[index].start > top:
            break
        if index in drop:
            continue
        key = _key(lines[index].text).strip(_EDGE_PUNCT)
        if key in seen or any(
            len(s) >= 20 and key.startswith(s + " ") and _CAPTION.match(key[len(s) + 1:])
            for s in seen
        ):
            drop.add(index)
        else:
            seen.append(key)


def _drop_headline_tail(lines, content, drop) -> None:
    """Two or more headline-like lines after the last real paragraph: other stories."""
    tail = []
    for index in reversed(content):
        if index in drop:
            continue
        if not _title_like(lines[index].text):
            if len(tail) >= 2:
                drop.update(tail)
            return
        tail.append(index)


@lru_cache(maxsize=None)
def _rules() -> _Rules:
    exact, regex, prefix, cut_rest = set(), [], [], set()
    with_next: dict[str, int] = {}
    for section in load("noise").values():
        exact.update(_key(str(item)) for item in section.get("exact", []))
        regex.extend(re.compile(rx, re.IGNORECASE) for rx in section.get("regex", []))
        prefix.extend(re.compile(rx, re.IGNORECASE) for rx in section.get("prefix", []))
        cut_rest.update(_key(str(item)) for item in section.get("cut_rest", []))
        with_next.update({_key(str(k)): int(v) for k, v in (section.get("with_next") or {}).items()})
    return _Rules(frozenset(exact), tuple(regex), with_next, frozenset(cut_rest), tuple(prefix))
