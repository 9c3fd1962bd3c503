"""Build a cleaned text from pieces of a raw text, keeping the offset map.

Copied pieces become ``Segment`` runs (adjacent copies merge); inserted
pieces (a space standing for a tab or a no-break space) map to nothing.
"""
from __future__ import annotations

from milcoop.records import Segment


class TextMap:
    """Append raw slices and inserted strings; read back text and segments."""

    def __init__(self, raw: str):
        self.raw = raw
        self._parts: list[str] = []
        self._runs: list[list[int]] = []  # [clean_start, raw_start, length]
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def copy(self, start: int, end: int) -> None:
        """Append ``raw[start:end]`` verbatim."""
        if end <= start:
            return
        last = self._runs[-1] if self._runs else None
        if last and last[0] + last[2] == self._length and last[1] + last[2] == start:
            last[2] += end - start
        else:
            self._runs.append([self._length, start, end - start])
        self._parts.append(self.raw[start:end])
        self._length += end - start

    def insert(self, text: str) -> None:
        """Append ``text`` that has no counterpart in the raw text."""
        self._parts.append(text)
        self._length += len(text)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    @property
    def segments(self) -> list[Segment]:
        return [Segment(clean_start=c, raw_start=r, length=n) for c, r, n in self._runs]


def segments_through(segments: list[Segment], origin: list[int]) -> list[Segment]:
    """The segments of a text rewritten character by character (a transliteration): ``origin[i]`` is
    the offset, in the text ``segments`` describe, of the character the new i-th one comes from.
    Runs of new characters whose raw offsets follow one another become one segment."""
    raw_of: dict[int, int] = {}
    for seg in segments:
        for k in range(seg.length):
            raw_of[seg.clean_start + k] = seg.raw_start + k
    runs: list[list[int]] = []
    for i, o in enumerate(origin):
        raw = raw_of.get(o)
        if raw is None:
            continue
        last = runs[-1] if runs else None
        if last and last[0] + last[2] == i and last[1] + last[2] == raw:
            last[2] += 1
        else:
            runs.append([i, raw, 1])
    return [Segment(clean_start=c, raw_start=r, length=n) for c, r, n in runs]
