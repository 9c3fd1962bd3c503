"""Load a language's cue lexicon (YAML data) into compiled patterns.

Lexicon files hold the language knowledge (cue words, positions, ranks,
document nouns, area cues, months); this module only turns their small
pattern notation into regular expressions:

- ``*`` after a letter: any word ending (``визит*`` = визит, визита, визитом)
- a space: any run of whitespace (a multiword cue may start inside a glued word)
- ``~``: up to two intervening words
- a leading ``-``: the second half of a hyphenated compound (``-led``)
- an ALL-CAPS word (``ВМС``, ``ООН``) matches case-sensitively
- anything else is regular-expression syntax
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..schema import LEXICON_VOCABULARIES

_CAPS = re.compile(r"(?<![\w\\])([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,})(?![\w])")


def compile_pattern(pattern: str) -> str:
    """Translate one lexicon pattern to a regex source string."""
    src = pattern.strip()
    src = re.sub(r"(?<=[\w\-])\*", r"\\w*", src)
    src = src.replace(" ~", r"(?:\s+\S+){0,2}?\s+").replace("~ ", r"(?:\S+\s+){0,2}?")
    src = src.replace(" ", r"\s+")
    src = _CAPS.sub(r"(?-i:\1)", src)
    return _start(pattern) + "(?:" + src + ")" + _end(src)


WORD_START = r"(?<![\w\-])"
MATCHES_KEPT = 4096


def _start(pattern: str) -> str:
    """A cue starts a word, except that a multiword cue is specific enough to match inside words glued
    by scraping ("являютсяподготовка военных кадров"), and a cue that starts with a hyphen is the second
    half of a compound ("-led" in "NATO-led")."""
    if pattern.strip().startswith("-"):
        return ""
    first = pattern.strip().split(" ")[0]
    glued = " " in pattern.strip() and re.fullmatch(r"\w{5,}\*?", first)
    return "" if glued else WORD_START


def _end(src: str) -> str:
    return "" if src.endswith(r"\w*") else r"(?![\w])"


def compile_list(patterns: list[str]) -> re.Pattern:
    """One alternation over a pattern list, longest patterns first.

    Consecutive alternatives that start a word share one word-start check: ``WS(?:a|b)|c`` matches as
    ``WS a|WS b|c`` does (the order is kept), but the engine tests the lookbehind once per position
    instead of once per alternative, which halves the time of the large cue lists."""
    runs: list[tuple[str, list[str]]] = []
    for pattern in sorted(patterns, key=len, reverse=True):
        start, src = _start(pattern), compile_pattern(pattern)
        body = src[len(start):]
        if runs and runs[-1][0] == start:
            runs[-1][1].append(body)
        else:
            runs.append((start, [body]))
    return re.compile("|".join(start + "(?:" + "|".join(bodies) + ")" for start, bodies in runs), re.IGNORECASE)


@dataclass(eq=False)
class Lexicon:
    """Compiled cue patterns of one language."""

    code: str
    raw: dict
    lists: dict[str, re.Pattern] = field(default_factory=dict)
    groups: dict[str, dict[str, re.Pattern]] = field(default_factory=dict)
    common_words: frozenset[str] = frozenset()  # frequent words that are not names (common_words.txt)
    _matches: dict = field(default_factory=dict, repr=False)  # (key, text) -> label_matches, bounded

    def has(self, key: str) -> bool:
        return key in self.lists or key in self.groups

    def search(self, key: str, text: str) -> re.Match | None:
        pattern = self.lists.get(key)
        return pattern.search(text) if pattern else None

    def finditer(self, key: str, text: str):
        pattern = self.lists.get(key)
        return pattern.finditer(text) if pattern else iter(())

    def labels(self, key: str, text: str) -> list[str]:
        """Labels of a grouped section (e.g. event_types) whose cues occur in text."""
        return [label for label, pat in self.groups.get(key, {}).items() if pat.search(text)]

    def any_label(self, key: str, text: str) -> bool:
        """Does any cue of a grouped section occur in text (stops at the first)?"""
        return any(pat.search(text) for pat in self.groups.get(key, {}).values())

    def label_matches(self, key: str, text: str) -> list[tuple[int, int, str]]:
        """Every (start, end, label) match of a grouped section in text, sorted.

        Remembered for the last few thousand sentences: several extractors read the same sentence for the
        same section (areas, document status), and the scan is the costliest step after NER."""
        found = self._matches.get((key, text))
        if found is None:
            out = []
            for label, pat in self.groups.get(key, {}).items():
                out.extend((m.start(), m.end(), label) for m in pat.finditer(text))
            found = tuple(sorted(out))
            if len(self._matches) >= MATCHES_KEPT:
                self._matches.clear()
            self._matches[(key, text)] = found
        return list(found)

    def mapping(self, key: str) -> dict:
        return dict(self.raw.get(key) or {})


def build_lexicon(code: str, data: dict) -> Lexicon:
    """Compile ``data``; a label of a schema section outside the schema's vocabulary is an error."""
    for key, allowed in LEXICON_VOCABULARIES.items():
        unknown = sorted(set(data.get(key) or {}) - set(allowed)) if isinstance(data.get(key), dict) else []
        if unknown:
            raise ValueError(f"lexicon {code!r}, section {key!r}: {', '.join(unknown)} not in the schema "
                             f"(milcoop/schema.py: {', '.join(allowed)})")
    lex = Lexicon(code=code, raw=data)
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            lex.lists[key] = compile_list(value)
        elif isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
            lex.groups[key] = {label: compile_list(pats) for label, pats in value.items() if pats}
    return lex


class _WordLoader(yaml.SafeLoader):
    """YAML without YAML 1.1's word booleans: cue words like 'on', 'no', 'yes' stay words."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@lru_cache(maxsize=None)
def load_lexicon(code: str) -> Lexicon:
    """The lexicon of language ``code`` from ``milcoop/lang/<code>/lexicon.yaml``."""
    path = Path(__file__).parent / code / "lexicon.yaml"
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_WordLoader) or {}
    lex = build_lexicon(code, data)
    words = path.with_name("common_words.txt")
    if words.is_file():
        lex.common_words = frozenset(w for w in words.read_text(encoding="utf-8").split()
                                     if w and not w.startswith("#"))
    return lex
