"""Gazetteers of countries, cities, organisations and named exercises.

All knowledge is data under ``data/``; this module only loads it and matches
it in ru, kk and en text. Matching is token-based: a phrase is a path in a
trie of token keys. A text token offers several keys (its lower-cased form;
Russian lemmas from pymorphy3; Kazakh stems with case suffixes stripped; its
exact form when it has two or more capitals), so inflected forms such as
``Азербайджанской Республики``, ``Әзербайжанның`` or ``АҚШ-пен`` meet the
nominative entries. ALL-CAPS abbreviations are keyed by their exact form, so
``РК`` or ``US`` never match ordinary lower-case words.

Use :func:`get_gazetteer` to get the shared, lazily built instance.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import NamedTuple

from .forms import kk_stem_candidates, kk_suffix_fits, kk_suffixes, morph, romanize, ru_case_forms
from .loader import LANGS, GazetteerDataError, KnowledgeData, UnsupportedLanguage, load

__all__ = ["Gazetteer", "GazetteerDataError", "Mention", "UnsupportedLanguage", "get_gazetteer"]
TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[-‑]\w+)*")
_PART_RE = re.compile(r"\w+")
_GAP_RE = re.compile(r"[ \t\u00a0\u202f'’]{1,3}")
_YEAR_RE = re.compile(r"[\s\-‑–—]*(\d{4}|\d{2})\s*$")
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
_HYPHENS = ("-", "‑")
_END = ""  # trie key holding a node's payload; never a token key
# kinds that must show a capital letter somewhere in the matched text
_CAP_KINDS = frozenset({"name", "abbr", "mod", "city", "org"})
_COUNTRY_FIELDS = (("names", "name"), ("mod", "mod"), ("adj", "adj"),
                   ("demonyms", "demonym"), ("prefixes", "prefix"))


class Mention(NamedTuple):
    """A match in a text: character offsets, the value found and its kind."""

    start: int
    end: int
    value: object
    kind: str


class _Payload(NamedTuple):
    value: object  # None: a blocking phrase, consumed but not reported
    kind: str
    priority: int  # lower wins: blocks -1, curated 0, generated 1, derived 2
    guarded: bool = False


def _norm(text: str) -> str:
    return text.lower().replace("ё", "е")


def _is_abbr(token: str) -> bool:
    """ALL-CAPS abbreviation (РК, США, U.S.) or short mixed one (РУз, MoD)."""
    letters = [c for c in token if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and (upper == len(letters) or len(letters) <= 4)


class Gazetteer:
    """Countries, cities, organisations and exercises in ru, kk and en."""

    def __init__(self, data: KnowledgeData | None = None) -> None:
        data = data or load()
        self._generated, self._curated = data.generated, data.curated
        self._drop, self._block, self._guarded = data.drop, data.block, data.guarded
        self._cities, self._city_rules = data.cities, data.city_rules
        self._orgs, self._exercises = data.orgs, data.exercises
        self._tries: dict[tuple[str, str], dict] = {}
        self._key_cache: dict[tuple[str, str], tuple[str, ...]] = {}
        self._last_spans: tuple[str | None, list[tuple[int, int]]] = (None, [])
        self._ru_prefixes = self._collect_ru_prefixes()

    # --- public API --------------------------------------------------------

    def country_by_name(self, surface: str, lang: str) -> str | None:
        """ISO alpha-2 code for a country name or abbreviation in any case form.

        Names need a capital letter somewhere (Казахстана, КАЗАХСТАН, not
        штаты); ALL-CAPS abbreviations match only as written (РК, not рк).
        """
        return self._whole(surface, lang, "country", {"name", "abbr", "mod"})

    def country_by_adjective(self, word: str, lang: str) -> str | None:
        """ISO code for a country adjective, demonym or compound part (российско-)."""
        return self._whole(word.strip().strip("".join(_HYPHENS)), lang, "country",
                           {"adj", "demonym", "prefix"})

    def find_country_mentions(self, text: str, lang: str) -> list[Mention]:
        """All country names, abbreviations, adjectives, demonyms in ``text``."""
        return self._scan(text, lang, "country")

    def find_countries(self, text: str, lang: str) -> list[tuple[int, int, str]]:
        """``(start, end, code)`` of every country mention in ``text``."""
        return [(m.start, m.end, m.value) for m in self._scan(text, lang, "country")]

    def city(self, surface: str, lang: str) -> tuple[str, str] | None:
        """``(English name, country code)`` for a city name in any case form.

        Words saying "city" around the name are ignored: ``г. Астана``,
        ``Баку қаласына``.
        """
        found = self._whole(surface, lang, "city")
        if found is not None:
            return found
        words = {_norm(w) for w in self._city_rules.get("city_words", {}).get(lang) or []}
        spans = [m.span() for m in TOKEN_RE.finditer(surface)]
        while spans and words & set(self._text_keys(surface[slice(*spans[0])], lang)):
            spans.pop(0)
        while spans and words & set(self._text_keys(surface[slice(*spans[-1])], lang)):
            spans.pop()
        if not spans:
            return None
        return self._whole(surface[spans[0][0]:spans[-1][1]], lang, "city")

    def find_cities(self, text: str, lang: str) -> list[tuple[int, int, str, str]]:
        """``(start, end, English name, country code)`` of every city in ``text``."""
        orgs = self._scan(text, lang, "org")  # Shanghai Cooperation Organisation
        return [(m.start, m.end, *m.value) for m in self._scan(text, lang, "city")
                if not any(o.start <= m.start and m.end <= o.end for o in orgs)]

    def org(self, surface: str, lang: str | None = None) -> str | None:
        """Code (CIS, CSTO, SCO, NATO, UN, EU, OSCE, EAEU, CICA, OTS...) of an organisation."""
        for code_lang in ([lang] if lang else LANGS):
            found = self._whole(surface, code_lang, "org")
            if found is not None:
                return found
        return None

    def find_orgs(self, text: str, lang: str) -> list[tuple[int, int, str]]:
        """``(start, end, code)`` of every international organisation in ``text``."""
        return [(m.start, m.end, m.value) for m in self._scan(text, lang, "org")]

    def exercise_english(self, name: str) -> str | None:
        """English name of a known exercise, year kept: «Степной орел-2016» -> Steppe Eagle-2016.

        Rows marked ``romanise`` in exercises.tsv give the source name
        romanised (Эшелон-2024 -> Eshelon-2024). Unknown names give None.
        """
        text = name.strip().strip("«»\"“”„'‘’ ")
        match = _YEAR_RE.search(text)
        year = match.group(1) if match and match.start() > 0 else None
        base = " ".join((text[:match.start()] if year else text).strip(" -‑–—").split())
        for lang in ("en", "ru", "kk"):
            row = self._whole(base, lang, "exercise")
            if row is not None:
                break
        else:
            return None
        english, names, romanise_it = self._exercises[row]
        if romanise_it:
            if _CYRILLIC.search(base):  # the nominative as written, romanised
                own = [n for n in names[lang] if _norm(n) == _norm(base)]
                english = romanize(own[0] if own else names[lang][0])
            else:
                english = base
            english = english[:1].upper() + english[1:]
        return f"{english}-{year}" if year else english

    def find_exercises(self, text: str, lang: str) -> list[tuple[int, int, str]]:
        """Known exercise names written without quotes, with a year that follows them.

        (start, end, English name): "Khaan Quest 2024 got under way" ->
        "Khaan Quest-2024"; "for Exercise Steppe Eagle" -> "Steppe Eagle".
        """
        out = []
        for m in self._scan(text, lang, "exercise"):
            tail = re.match(r"[\s\-‑–—]*((?:19|20)?\d{2})(?!\d)", text[m.end:m.end + 8])
            end = m.end + tail.end() if tail else m.end
            english = self.exercise_english(text[m.start:end])
            if english:
                out.append((m.start, end, english))
        return out

    def name_of(self, code: str, lang: str) -> str | None:
        """The usual name of a country in ``lang`` (CLDR's), or None."""
        names = self._generated.get(code, {}).get(lang) or []
        return names[0] if names else None

    # --- matching ----------------------------------------------------------

    def _whole(self, surface: str, lang: str, domain: str, kinds: set[str] | None = None):
        """The value whose entry covers all of ``surface``, or None."""
        spans = [m.span() for m in TOKEN_RE.finditer(surface)]
        if not spans:
            return None
        hit = self._match_at(surface, spans, 0, self._trie(domain, lang), lang, context=False)
        if hit is None or hit[0] != len(spans) - 1:
            return None
        payload = hit[1]
        if payload.value is None or (kinds is not None and payload.kind not in kinds):
            return None
        return payload.value

    def _spans(self, text: str) -> list[tuple[int, int]]:
        """Token spans of ``text``, kept for the last text: the four domains scan the same article."""
        last = self._last_spans  # one read and one write of a tuple: safe across threads
        if last[0] is not text:
            last = (text, [m.span() for m in TOKEN_RE.finditer(text)])
            self._last_spans = last
        return last[1]

    def _scan(self, text: str, lang: str, domain: str) -> list[Mention]:
        trie = self._trie(domain, lang)
        spans = self._spans(text)
        out: list[Mention] = []
        i = 0
        while i < len(spans):
            first = self._text_keys(text[spans[i][0]:spans[i][1]], lang)
            if not any(k in trie for k in first) and not any(h in text[spans[i][0]:spans[i][1]] for h in _HYPHENS):
                i += 1  # the common case: no entry starts with this token
                continue
            hit = self._match_at(text, spans, i, trie, lang, context=True)
            if hit is not None:
                j, payload = hit
                if payload.value is not None:
                    out.append(Mention(spans[i][0], spans[j][1], payload.value, payload.kind))
                i = j + 1
                continue
            start, end = spans[i]
            token = text[start:end]  # российско-казахстанские, but not АР-15
            if any(h in token for h in _HYPHENS) and not any(c.isdigit() for c in token):
                for part in _PART_RE.finditer(text, start, end):
                    one = [part.span()]
                    hit = self._match_at(text, one, 0, trie, lang, context=True)
                    if hit is not None and hit[1].value is not None:
                        out.append(Mention(*part.span(), hit[1].value, hit[1].kind))
            i += 1
        return out

    def _match_at(self, text, spans, i, trie, lang, context):
        """Longest valid entry starting at token ``i``: ``(last token, payload)``."""
        nodes = [trie]
        best = None
        for j in range(i, len(spans)):
            if j > i and not _GAP_RE.fullmatch(text[spans[j - 1][1]:spans[j][0]]):
                break
            keys = self._text_keys(text[spans[j][0]:spans[j][1]], lang)
            found = {id(n[k]): n[k] for n in nodes for k in keys if k in n}
            nodes = list(found.values())
            if not nodes:
                break
            for node in nodes:
                payload = node.get(_END)
                if payload is not None and self._valid(payload, text, spans, i, j, lang, context):
                    best = (j, payload)
                    break
        return best

    def _valid(self, payload, text, spans, i, j, lang, context) -> bool:
        """Capitals always; with ``context``, what the neighbouring text must (not) be."""
        if payload.value is None:
            return True
        if payload.kind in _CAP_KINDS and not any(text[spans[k][0]].isupper() for k in range(i, j + 1)):
            return False  # штаты, қатар, того: names need a capital letter
        if not context:
            return True
        after = text[spans[j][1]:spans[j][1] + 1]
        if payload.kind == "prefix" and (not after or after not in _HYPHENS):
            return False
        if payload.guarded:  # a given name: Jordan Peterson, Chad Smith
            if i > 0 and text[spans[i - 1][1]:spans[i][0]] == " " and text[spans[i - 1][0]].isupper():
                return False
            if j + 1 < len(spans) and text[spans[j][1]:spans[j + 1][0]] == " " \
                    and text[spans[j + 1][0]].isupper():
                return False
        if payload.kind == "city" and j + 1 < len(spans) \
                and text[spans[j][1]:spans[j + 1][0]].isspace():
            region = self._city_rules.get("region_words", {}).get(lang) or []
            if {_norm(w) for w in region} & set(self._text_keys(text[slice(*spans[j + 1])], lang)):
                return False
        return True

    def _text_keys(self, token: str, lang: str) -> tuple[str, ...]:
        """Keys a text token offers to the tries (cached per token)."""
        cached = self._key_cache.get((lang, token))
        if cached is not None:
            return cached
        keys: list[str] = []
        for cand in kk_stem_candidates(token) if lang == "kk" else [token]:
            if sum(c.isupper() for c in cand) >= 2:
                keys.append("=" + cand)
            keys.append(_norm(cand))
        low = _norm(token)
        if lang == "ru" and _CYRILLIC.search(token) and low[:2] in self._ru_prefixes:
            parses = morph().parse(low)
            if token[:1].isupper() and not token.isupper() and any(
                    "Surn" in p.tag and "nomn" in p.tag and p.normal_form == low for p in parses):
                parses = [p for p in parses if "Geox" in p.tag]  # Поляков: a surname
            # countries are not plural (Ливанов is a surname), Филиппины is plurale tantum
            parses = [p for p in parses if not (p.tag.POS == "NOUN" and "Geox" in p.tag
                                                and "plur" in p.tag and "Pltm" not in p.tag)]
            keys.extend(_norm(p.normal_form) for p in parses)
        result = tuple(dict.fromkeys(keys))
        self._key_cache[(lang, token)] = result
        return result

    def _name_keys(self, token: str, lang: str, domain: str) -> tuple[str, ...]:
        """Keys of a token of a gazetteer entry (its nominative, lemma, exact abbr)."""
        if _is_abbr(token):
            return ("=" + token,)
        low = _norm(token)
        if lang != "ru" or domain == "city" or not _CYRILLIC.search(token):
            return (low,)
        parses = morph().parse(low)
        nominative = [p for p in parses if "nomn" in p.tag] or parses
        return tuple(dict.fromkeys([low, *(_norm(p.normal_form) for p in nominative)]))

    def _collect_ru_prefixes(self) -> set[str]:
        """First letters of every Russian entry word: which tokens to lemmatise."""
        phrases = [n for names in self._generated.values() for n in names["ru"]]
        for langs in self._curated.values():
            phrases += [n for field in (langs.get("ru") or {}).values() for n in field]
        phrases += [n for _code, names in self._orgs for n in names["ru"]]
        phrases += [n for _en, names, _flag in self._exercises for n in names["ru"]]
        phrases += [n for _en, _cc, names in self._cities for n in names["ru"]]
        # two letters: fleeting vowels change the third (орёл -> орла)
        return {_norm(tok)[:2] for phrase in phrases for tok in TOKEN_RE.findall(phrase)}

    # --- index building ----------------------------------------------------

    def _trie(self, domain: str, lang: str) -> dict:
        trie = self._tries.get((domain, lang))
        if trie is None:
            if lang not in LANGS:
                raise UnsupportedLanguage(f"no gazetteer for language {lang!r} (have {', '.join(LANGS)})")
            trie = {}
            entries = getattr(self, f"_{domain}_entries")(lang)
            for phrase, payload in entries:
                self._insert(trie, phrase, payload, lang, domain)
            self._tries[(domain, lang)] = trie
        return trie

    def _insert(self, trie: dict, phrase: str, payload: _Payload, lang: str, domain: str) -> None:
        key_sets = [self._name_keys(tok, lang, domain) for tok in TOKEN_RE.findall(phrase)]
        for path in itertools.product(*key_sets) if key_sets else ():
            node = trie
            for key in path:
                node = node.setdefault(key, {})
            old = node.get(_END)
            if old is None or payload.priority < old.priority:
                node[_END] = payload
            elif (payload.priority == old.priority == 1 and old.value is not None
                  and payload.value != old.value):
                node[_END] = _Payload(None, "ambiguous", 1)  # two generated countries

    def _country_entries(self, lang: str):
        for phrase in self._block[lang]:
            yield phrase, _Payload(None, "block", -1)
        guarded = self._guarded[lang]
        for code, langs in self._curated.items():
            fields = (langs or {}).get(lang) or {}
            for field, kind in _COUNTRY_FIELDS:
                for name in fields.get(field) or []:
                    kind_here = "abbr" if kind == "name" and _is_abbr(name) else kind
                    yield name, _Payload(code, kind_here, 0, name in guarded)
                    yield from self._derived(code, name, kind, lang)
        for code, langs in self._generated.items():
            for name in langs[lang]:
                if name not in self._drop[lang]:
                    kind = "abbr" if _is_abbr(name) else "name"
                    yield name, _Payload(code, kind, 1, name in guarded)
                    yield from self._derived(code, name, "name", lang)

    def _derived(self, code: str, name: str, kind: str, lang: str):
        """Forms derived by rule: ru compound parts, en plurals, kk -лық adjectives."""
        if lang == "ru" and kind == "adj" and re.search(r"[иыо]й$", name):
            yield name[:-2] + "о", _Payload(code, "prefix", 2)  # казахстанский -> казахстанско-
        elif lang == "en" and kind == "adj" and re.search(r"(an|i)$", name):
            yield name + "s", _Payload(code, "demonym", 2)  # Russian -> Russians
        elif lang == "kk" and kind == "name" and " " not in name and not _is_abbr(name):
            for suffix in kk_suffixes().get("adj", ()):
                if kk_suffix_fits(name, suffix.after):
                    yield name.lower() + suffix.text, _Payload(code, "adj", 2)

    def _city_entries(self, lang: str):
        for phrase in self._city_rules.get("block", {}).get(lang) or []:
            yield phrase, _Payload(None, "block", -1)
        countries = {_norm(n) for names in self._generated.values() for n in names[lang]}
        countries |= {_norm(n) for langs in self._curated.values()
                      for n in ((langs or {}).get(lang) or {}).get("names") or []}
        guarded = set(self._city_rules.get("guarded", {}).get(lang) or [])
        for en, cc, names in self._cities:
            city_state = _norm(en) in {_norm(n) for n in (self._generated.get(cc) or {}).get("en") or []}
            for name in names[lang]:
                if _norm(name) in countries and not city_state:
                    continue  # Алжир, Кувейт: the country reading wins (Singapore names both)
                forms = ru_case_forms(name) if lang == "ru" else {name}
                for form in forms:
                    yield form, _Payload((en, cc), "city", 0, name in guarded)

    def _org_entries(self, lang: str):
        for code, names in self._orgs:
            for name in names[lang]:
                yield name, _Payload(code, "org", 0)

    def _exercise_entries(self, lang: str):
        for row, (_en, names, _flag) in enumerate(self._exercises):
            for name in dict.fromkeys(names[lang] + names["en"]):
                yield name, _Payload(row, "exercise", 0)


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shared :class:`Gazetteer` (data read once; indexes built on first use)."""
    return Gazetteer()
