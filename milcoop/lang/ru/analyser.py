"""Russian analysis: natasha's NER finds names, pymorphy3 puts them in the nominative.

natasha's own span normalisation needs its morphology tagger (4x slower) and
is context dependent, so names are normalised token by token with the
pymorphy3 parse that is tagged as a given name or surname.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..base import PersonMention, abbreviations, split_sentences

_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")


@lru_cache(maxsize=1)
def _names() -> dict:
    """Name morphology the dictionary does not cover (``names.yaml`` beside this module)."""
    import yaml

    with open(Path(__file__).with_name("names.yaml"), encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    data["patronymic"] = re.compile(data["patronymic"], re.I)
    data["instrumental"] = re.compile(data["instrumental"])
    data["genitive"] = re.compile(data["genitive"])
    return data


def _case_by_ending(word: str) -> str | None:
    """The instrumental ending of a name no dictionary knows (Гюлером, Саабом)."""
    return "ablt" if _names()["instrumental"].search(word) else None


def _foreign_nominative(word: str, case: str) -> str:
    names = _names()
    for ending, replacement, *stem_end in names["foreign_endings"].get(case, ()):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            if stem_end and not re.search(stem_end[0], stem):
                continue
            return stem + replacement
    return word


_INITIALS_SURNAME = re.compile(r"(?<![\w.])(?:[А-ЯЁ](?:-[А-ЯЁ])?\.\s?){1,2}[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?")


class RussianAnalyser:
    """Sentences, person mentions and lemmas of Russian text."""

    code = "ru"

    def __init__(self):
        from natasha import NewsEmbedding, NewsNERTagger
        import pymorphy3

        self._ner = NewsNERTagger(NewsEmbedding())
        self._morph = pymorphy3.MorphAnalyzer()
        self.lemma = lru_cache(maxsize=200_000)(self._lemma)
        self._normalise_name = lru_cache(maxsize=100_000)(self._normalise_name)

    def sentences(self, text: str) -> list[tuple[int, int]]:
        return split_sentences(text, abbreviations("ru"))

    def _lemma(self, word: str) -> str:
        return self._morph.parse(word)[0].normal_form

    def ner(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, type) spans of PER, LOC and ORG.

        The tagger is called on the text directly (it tokenises for itself): natasha's ``Doc`` would also
        segment the text into tokens and sentences only to attach them to the spans, a quarter of the NER's
        time for nothing milcoop reads."""
        if not text.strip():
            return []
        return [(s.start, s.stop, s.type) for s in self._ner(text).spans]

    def persons(self, text: str, spans=None, focus=None) -> list[PersonMention]:
        """natasha's PER spans in the nominative (``focus`` is ignored: the NER reads the whole text at once)."""
        spans = self.ner(text) if spans is None else spans
        out = []
        taken = [(s, e) for s, e, k in spans]
        extra = [(m.start(), m.end(), "PER") for m in _INITIALS_SURNAME.finditer(text)
                 if not any(s < m.end() and m.start() < e for s, e in taken)]
        for start, end, kind in sorted(list(spans) + extra):
            if kind != "PER":
                continue
            mention = self.mention(text, start, end)
            if mention:
                out.append(mention)
        return out

    def mention(self, text: str, start: int, end: int) -> PersonMention | None:
        surface = text[start:end]
        tokens = re.findall(r"[А-ЯЁA-Z](?:-[А-ЯЁA-Z])?\.|[^\W\d_][\w\-'’]*", surface)
        words = [t for t in tokens if not _INITIAL.match(t) and not _names()["patronymic"].search(t)]
        if not words or not all(w[:1].isupper() for w in words):
            return None
        before = re.findall(r"[^\W\d_]+", text[max(0, start - 40):start])
        normal = self._normalise_name(tuple(words), before[-1] if before else None)
        tags = [self._kind(w) for w in words]
        # "Жаксылыкова Руслана": surname first -> given name first
        if len(normal) >= 2 and tags[0] == "Surn" and tags[1] == "Name":
            normal = normal[1:] + normal[:1]
        given = normal[0] if len(normal) > 1 else None
        return PersonMention(start, end, surface, " ".join(normal), normal[-1], given)

    def _kind(self, word: str) -> str | None:
        for p in self._morph.parse(word):
            for tag in ("Surn", "Name"):
                if tag in p.tag:
                    return tag
        return None

    _CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

    def _name_parses(self, word: str, known: bool = False):
        """Singular given-name and surname parses; ``known``: only those of the dictionary
        (pymorphy3 also guesses: "Баррозу" as a woman's "Барроза" in the accusative)."""
        return [p for p in self._morph.parse(word)
                if ("Surn" in p.tag or "Name" in p.tag) and "sing" in p.tag and (p.is_known or not known)]

    def _case_options(self, words, known: bool) -> list[set]:
        """Per word with a name parse, the (case, gender) pairs it can be."""
        options = []
        for w in words:
            pairs = {(p.tag.case, p.tag.gender) for p in self._name_parses(w.split("-")[-1], known)}
            if pairs:
                options.append(pairs)
        return options

    def _normalise_name(self, words: tuple[str, ...], previous: str | None = None) -> list[str]:
        """Nominative of a name, choosing the case and gender all its words agree on.

        "Руслана Мукамбетова" reads as a woman's name in the nominative or a man's
        in the genitive; the word before the name decides ("министра обороны
        Киргизии Руслана Мукамбетова" is genitive, "посол Руслана Иванова" is not).
        """
        known = self._case_options(words, known=True)
        agreed = set.intersection(*known) if known else set()
        if not agreed:  # the dictionary alone does not settle it: its guesses too
            options = self._case_options(words, known=False)
            agreed = set.intersection(*options) if options else set()
            if not agreed and options:
                agreed = options[0]
                if len(options) > 1 and ("ablt", "masc") in options[-1] and _case_by_ending(words[-1]):
                    agreed = {("ablt", "masc")}  # "Хулуси Акаром": the surname declines, the given name does not
        if not known and len(words) > 1 and all(_names()["genitive"].search(w) for w in words) \
                and previous and self._governs_genitive(previous):
            # "министра обороны Греции Паноса Камменоса": a foreign man's name in the genitive
            return [_foreign_nominative(w, "gent") for w in words]
        if not agreed:
            case = _case_by_ending(words[-1])
            return [_foreign_nominative(w, case) for w in words] if case else list(words)
        rank = {c: i for i, c in enumerate(self._CASES)}
        case, gender = min(agreed, key=lambda cg: (rank.get(cg[0], 9), cg[1] != "masc"))
        if (case, gender) == ("nomn", "femn") and ("gent", "masc") in agreed and previous \
                and self._governs_genitive(previous):
            case, gender = "gent", "masc"
        unknown_last = not self._name_parses(words[-1].split("-")[-1], known=True)
        if case != "ablt" and unknown_last and _case_by_ending(words[-1]):
            case, gender = "ablt", "masc"  # "Яшаром Гюлером", "Хулуси Акаром": the unknown surname tells the case
        return [self._to_nominative(w, case, gender) for w in words]

    def _governs_genitive(self, word: str) -> bool:
        """A noun or adjective before a name that is not a title in apposition ("визит", "министра", "Киргизии")."""
        from ..lexicon import load_lexicon

        lex = load_lexicon("ru")
        if any(lex.label_matches(key, word) for key in ("roles", "ranks")):
            return any(p.tag.case == "gent" for p in self._morph.parse(word))  # "министра", not "посол"
        return any({"NOUN", "ADJF", "PRTF"} & set(p.tag.grammemes) for p in self._morph.parse(word))

    def _to_nominative(self, word: str, case: str, gender: str) -> str:
        if "-" in word:
            head, _, tail = word.rpartition("-")
            return head + "-" + self._to_nominative(tail, case, gender)
        if case == "nomn":
            return word
        for p in self._name_parses(word):
            if p.tag.case == case and p.tag.gender == gender:
                form = p.inflect({"nomn", "sing", gender}) or p.inflect({"nomn"})
                if form and form.word[:1] == word[:1].lower():
                    return form.word[:1].upper() + form.word[1:]
        if gender == "masc":  # a foreign name the dictionary does not decline right
            return _foreign_nominative(word, case)
        return word
