"""What every language package provides: sentences, person mentions, lemmas.

A language package (``milcoop/lang/<code>/``) wires its data (lexicon.yaml)
and its analyser to a ``Lang``. Extractors only see this interface, so
adding a language means adding a package, not editing extractors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from razdel import sentenize

from .lexicon import Lexicon, load_lexicon


@dataclass(frozen=True)
class PersonMention:
    """A person's name as written, with its normalised (nominative) form."""

    start: int
    end: int
    text: str
    normal: str  # e.g. "Сафар Абиев" for "Сафаром Абиевым"
    surname: str  # normalised surname, the matching key's source
    given: str | None = None


# A line break ends a paragraph unless the next line goes on in lower case
# (text hard-wrapped at a fixed width: "are coming together\nhere for Exercise").
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?=[ \t]*[a-zа-яёәғқңөұүһі]))+")


_INITIAL = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.")


def split_sentences(text: str, abbreviations: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Sentence spans; paragraph breaks always end a sentence.

    A sentence that ends in one of ``abbreviations`` ("Maj.", "Gen.", "ген.") or in an
    initial goes on into the next: "Maj. Gen. Scott Winter" and "Tod D. Wolters" are one
    name, not several sentences.
    """
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        base = para.start()
        joined = False
        for s in sentenize(para.group(0)):
            if not s.text.strip():
                continue
            if joined and spans:
                spans[-1] = (spans[-1][0], base + s.stop)
            else:
                spans.append((base + s.start, base + s.stop))
            last = s.text.rstrip().rsplit(None, 1)[-1] if s.text.strip() else ""
            joined = last in abbreviations or bool(_INITIAL.fullmatch(last))  # "Tod D. Wolters"
    return spans


# Latin letters with diacritics (Nausėda, Wałęsa, Dvořák) belong in names too.
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІÇŞÖÜĞİÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_LOWER = "a-zа-яёәғқңөұүһіİıçğöşüß-öø-ÿāăąćčďđēėęěğīįķĺļľłńņňōőœŕřśşšţťūůűųźżž'’"
# "Қасым-Жомарт", "Шейх-Хасан", "al-Sisi": hyphenated parts keep their own capitals
_NAME_TOKEN = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}]?[{_LOWER}]+)*-?"
# a name never runs across a line break: "Decades\n\nSergei" are two lines


def caps_name_pattern(particles: tuple[str, ...] = ()) -> re.Pattern:
    """Capitalised runs that can be names: initials first ("A. B. Smith") or inside ("Gary J. Volesky"),
    and the lowercase particles a language lists between name words ("Mohammed bin Salman",
    "Abdel Fattah al-Sisi", "Juan Andrés De La Maza")."""
    particle = "|".join(re.escape(p) for p in sorted(particles, key=len, reverse=True))
    initials = r"(?:[A-Z]\.[ \t]?)*"
    joint = rf"[ \t]+(?:(?:{particle})[ \t]+|(?:{particle})-(?=[{_UPPER}])|{initials})" if particle \
        else rf"[ \t]+{initials}"
    return re.compile(rf"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.[ \t]?)*{_NAME_TOKEN}(?:{joint}{_NAME_TOKEN}){{0,5}}")


_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def abbreviations(code: str) -> tuple[str, ...]:
    """Abbreviations after which a sentence goes on (``abbreviations`` in the lexicon)."""
    return tuple(load_lexicon(code).raw.get("abbreviations") or ())


@dataclass
class Analyser:
    """Fallback analyser: capitalised word runs as name candidates.

    Languages without a statistical NER (for now Kazakh and English) use it;
    the extractors only keep candidates that sit next to a rank or position
    cue, so precision comes from the lexicon.
    """

    code: str

    def __post_init__(self):
        self._caps = caps_name_pattern(tuple(load_lexicon(self.code).raw.get("name_particles") or ()))

    def sentences(self, text: str) -> list[tuple[int, int]]:
        return split_sentences(text, abbreviations(self.code))

    def persons(self, text: str, focus: list[tuple[int, int]] | None = None) -> list[PersonMention]:
        """Capitalised runs in ``text`` (``focus`` is a hint for costly analysers; cheap ones read everything)."""
        out = []
        for m in self._caps.finditer(text):
            mention = self.mention(text, m.start(), m.end())
            if mention:
                out.append(mention)
        return out

    def mention(self, text: str, start: int, end: int) -> PersonMention | None:
        """The mention of ``text[start:end]`` with its name in the nominative."""
        while end > start and text[end - 1] in "-'’":  # "Steppe Eagle-", "'Prabal Dostyk'": not the name's
            end -= 1
        words = _WORD.findall(text[start:end])
        if not words:
            return None
        # a case ending attaches to the last word of a name ("Мереке Көшекбаевке", "Gary Volesky's")
        normal = words[:-1] + [self.normal_word(words[-1])]
        return PersonMention(start, end, text[start:end], " ".join(normal), normal[-1],
                             normal[0] if len(normal) > 1 else None)

    def normal_word(self, word: str) -> str:
        """A name word without its inflection (languages override)."""
        return re.sub(r"['’]s$", "", word)

    def lemma(self, word: str) -> str:
        return word.lower()


@dataclass
class Lang:
    """A language: its code, lexicon and analyser."""

    code: str
    lexicon: Lexicon
    analyser: object = field(repr=False)


def lang_from_parts(code: str, analyser) -> Lang:
    return Lang(code=code, lexicon=load_lexicon(code), analyser=analyser)
