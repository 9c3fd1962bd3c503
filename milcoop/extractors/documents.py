"""Documents: plans, programs, agreements... with their period and status.

A document noun counts when a cooperation qualifier goes with it ("план
сотрудничества", "ынтымақтастық туралы келісім"), a period does, or a verb
acts on it; not inside an organisation's name ("Collective Security Treaty
Organization"). Its status comes from the verb that governs it in its
sentence (the nearest status cue: before the noun in Russian and English,
after it in Kazakh, where the verb is final), unless a reference governs it
("в рамках", "аясында", "under"), a ratification is still pending, or the
signing is dated before the occasion reported (then it is an earlier
document, mentioned). All the words are the lexicon's; this module is
language-neutral.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lang.lexicon import Lexicon
from ..learn.decider import Candidate, Decider
from ..learn.features import at_least, crossed, flag, within
from ..records import Document, Span
from ..schema import DOCUMENT_STATUSES
from .doc import Doc

YEAR = r"((?:19|20)\d{2})"
# English puts a single year before the noun: "the 2025 joint action plan"
_YEAR_ADJECTIVE = re.compile(r"(?<![\d.,/])" + YEAR + r"\s+(?:[a-z\-]+\s+){0,3}$")


@lru_cache(maxsize=8)
def _period_patterns(lex: Lexicon):
    """Period patterns from the lexicon's words for 'for', 'to' and 'year'."""
    words = lambda key: "|".join(lex.raw.get(key) or ["(?!)"])  # noqa: E731
    ranged = re.compile(rf"(?:(?:{words('period_prepositions')})\s+)*\(?{YEAR}\s*"
                        rf"(?:[-–−—]|\s(?:{words('period_to')})\s)\s*{YEAR}", re.IGNORECASE)
    single = re.compile(rf"(?:{words('period_prepositions')})\s+{YEAR}"
                        rf"(?:\s*(?:{words('year_words')})|(?!\s*[-–−—]\s*\d))", re.IGNORECASE)
    # Kazakh puts the period first: "2024-2026 жылдарға арналған жоспар"
    first = re.compile(rf"{YEAR}\s*(?:[-–−—]\s*{YEAR}\s*)?(?:{words('period_year_before')})", re.IGNORECASE)
    return ranged, single, first


# Plans and programmes cover a period ("план на 2024-2026 годы"); an agreement, a memorandum or a contract
# is open-ended, and a year next to one dates its signing ("the 2015 agreement", "1994 жылғы шарт").
PERIODIC = {"plan", "program", "roadmap", "other"}
STATUS_ORDER = ["mentioned", "ratified", "planned", "drafting", "signed"]
SAME_KIND = {"treaty": "agreement"}
STRENGTH = {"ratified": 6, "signed": 5, "planned": 3, "drafting": 2, "mentioned": 1}
REFERENCE_REACH = 30  # "в рамках плана", "under the 2025 joint action plan"
REFERENCE_AFTER = 25  # "келісім аясында", "the memorandum of cooperation serves as"
RATIFIED_REACH = 60
STATUS_REACH = 40  # a status cue this close to the noun qualifies it ("memorandum signed with")
QUALIFIER_WINDOW = 45
QUALIFIER_BEFORE = 30  # Kazakh qualifies before the noun: "ынтымақтастық туралы шарт"
PERIOD_WINDOW = 110
AWAY = 1.5  # a status cue on the far side of the noun from its governing verb counts this much farther
EARLIER_REACH = 60  # a time this close to the signing verb dates the signing
NAME_REACH = 30  # the word of an organisation's name right next to a document noun


def _period(lex: Lexicon, text: str) -> list[int] | None:
    ranged, single, _ = _period_patterns(lex)
    m = ranged.search(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b <= a + 30:
            return [a, b]
    m = single.search(text)
    if m:
        return [int(m.group(1))] * 2
    return None


def _status(lex: Lexicon, sentence: str, pos: int, end: int, period=None, published: str | None = None) -> str:
    """The status of the noun at ``pos``..``end`` from the verb that governs it in its sentence: the nearest cue.

    Three things outrank nearness: a reference to an existing document right
    before it ("в рамках плана", "under the plan") or right after it ("келісім
    аясында", "serves as the basis"), and a ratification close by ("ratification
    of a memorandum signed in August"); a ratification still pending ("the bill
    was sent to parliament", "намерен ратифицировать") leaves the document
    signed. A signing placed before the reported occasion ("signed in 2014",
    "last September", "бұған дейін") refers to an earlier document.
    """
    cues = lex.label_matches("document_status", sentence)
    final = lex.raw.get("document_verb_side") == "after"
    if _referenced(lex, sentence, pos, end, cues):
        return "mentioned"
    pending = bool(lex.search("ratification_pending", sentence))
    if any(label == "ratified" and abs(pos - cs) <= RATIFIED_REACH for cs, _, label in cues):
        return "signed" if pending else "ratified"
    best, best_dist, governor = "mentioned", 10**6, (pos, end)
    for cs, ce, label in cues:
        if label == "mentioned" and ce > pos:
            continue  # "under", "в рамках" govern the noun after them, not one before
        # the side the governing verb stands on binds tighter: before the noun in Russian and English
        # ("подписали план"), after it in Kazakh ("жоспарға қол қойды")
        dist = (pos - ce) * (AWAY if final else 1) if ce <= pos else (cs - end) * (1 if final else AWAY)
        if dist < best_dist or (dist == best_dist and
                                STATUS_ORDER.index(label) < STATUS_ORDER.index(best)):
            best, best_dist, governor = label, dist, (cs, ce)
    if best == "ratified" and pending:
        return "signed"
    clause = sentence[max(0, governor[0] - EARLIER_REACH):governor[1] + EARLIER_REACH]
    if best == "signed" and _earlier(lex, clause, period, published):
        return "mentioned"
    return best


def _referenced(lex: Lexicon, sentence: str, pos: int, end: int, cues=None) -> bool:
    """A reference governs the noun: a preposition right before it ("в рамках плана", "under the plan") or a
    postposition or predicate right after it ("келісім аясында", "the memorandum serves as")."""
    cues = lex.label_matches("document_status", sentence) if cues is None else cues
    if any(label == "mentioned" and 0 <= pos - ce <= REFERENCE_REACH for _, ce, label in cues):
        return True
    after = lex.search("document_reference_after", sentence[end:end + REFERENCE_AFTER])
    return bool(after) and not any(label != "mentioned" and end <= cs < end + after.start() for cs, _, label in cues)


def _earlier(lex: Lexicon, sentence: str, period, published: str | None) -> bool:
    """The sentence places its signing before the occasion reported: an 'earlier' word, a year before the
    publication year (not a period's) or a month other than the publication month (news
    dates its own occasion by the day, "on Monday"; "in September" dates an earlier one).
    ``published``: the ISO publication date, as precise as known ("2021", "2021-02", "2021-02-03")."""
    if lex.search("document_earlier", sentence):
        return True
    own = set(range(period[0], period[-1] + 1)) if period else set()
    dates = sentence
    for pattern in _period_patterns(lex):  # a period's years ("на 2019-2021 годы") date no signing
        dates = pattern.sub(lambda m: " " * len(m.group(0)), dates)
    if published and any(int(y) < int(published[:4]) and int(y) not in own
                         for y in re.findall(rf"(?<!\d){YEAR}(?!\d)", dates)):
        return True
    template = lex.raw.get("document_in_month")
    if not template:
        return False
    pub_month = int(published[5:7]) if published and len(published) >= 7 else None
    months = "|".join(f"(?:{k})" for k in lex.mapping("months"))
    for m in re.finditer(template.replace("{months}", months), sentence, re.IGNORECASE):
        month = next((int(n) for stem, n in lex.mapping("months").items()
                      if re.match(stem, m.group(1), re.IGNORECASE)), None)
        if month and month != pub_month:
            return True
    return False


def _mention_features(lex: Lexicon, sent, start: int, end: int, qualified: bool, period, acted: bool) -> dict:
    """How one mention of a document noun sits in its sentence: status cues around it, the sentence's mood."""
    f: dict[str, float] = {}
    flag(f, "qualified", qualified)
    flag(f, "period", bool(period))
    flag(f, "acted", acted)
    flag(f, "planned", sent.planned and not sent.held)
    flag(f, "held", sent.held)
    flag(f, "background", sent.background)
    flag(f, "reporting", sent.reporting)
    flag(f, "eventful", sent.eventful)
    flag(f, "signing_cue", "signing" in sent.types)
    for cs, ce, label in lex.label_matches("document_status", sent.text):
        if ce <= start:
            within(f, f"before:{label}", start - ce, (3, 10, 25, 60, 150))
        elif cs >= end:
            within(f, f"after:{label}", cs - end, (3, 10, 25, 60, 150))
    return f


def _in_name(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """The noun is part of an organisation's name: "Collective Security Treaty Organization",
    "Организация Договора о коллективной безопасности", "Ұжымдық қауіпсіздік туралы шарт ұйымы"."""
    after = lex.search("document_name_after", text[end:end + NAME_REACH])
    if after and not text[end:end + after.start()].strip(" \"'«»“”"):
        return True
    before = text[max(0, start - NAME_REACH):start]
    return any(not before[m.end():].strip(" \"'«»“”") for m in lex.finditer("document_name_before", before))


def _merge_features(into: dict, f: dict) -> None:
    for k, v in f.items():
        into[k] = max(into.get(k, 0.0), v)


def _mentions(doc: Doc, lex: Lexicon, head, generic: bool = False) -> list[tuple[Document, dict, bool]]:
    """Every mention of a document noun: the document it names, its features, and whether the rule keeps it
    (qualified, dated or acted on; a plan or programme when dated, acted on or referred to by name; a
    generic "documents" only when acted on)."""
    found = []
    common = set(lex.raw.get("document_common_nouns") or [])
    for sent in doc.sentences:
        if not (sent.military or sent.cooperation or sent.types):
            continue
        if generic:
            nouns = [(m.start(), m.end(), "other") for m in lex.finditer("document_generic", sent.text)]
        else:
            nouns = [m for m in lex.label_matches("documents", sent.text) if not _in_name(lex, sent.text, m[0], m[1])]
        for i, (start, end, kind) in enumerate(nouns):
            after = sent.text[end:end + QUALIFIER_WINDOW]
            # a period belongs to the nearest document before it: "agreements ... and the plan for 2019"
            reach = min(end + PERIOD_WINDOW, nouns[i + 1][0] if i + 1 < len(nouns) else len(sent.text))
            period = (_period(lex, sent.text[end:reach]) or _year_before(lex, sent.text[:start])
                      or _year_adjective(sent.text[:start])) if kind in PERIODIC else None
            before = sent.text[max(0, start - QUALIFIER_BEFORE):start]
            qualified = bool(lex.search("document_qualifiers", after[:QUALIFIER_WINDOW])) or \
                bool(lex.search("document_qualifiers_before", before))
            near = sent.text[max(0, start - STATUS_REACH):end + STATUS_REACH]
            acted = any(label != "mentioned" for *_, label in lex.label_matches("document_status", near))
            f = _mention_features(lex, sent, start, end, qualified, period, acted)
            flag(f, "head", sent is head)
            flag(f, "generic", generic)
            status = _status(lex, sent.text, start, end, period, doc.published_iso)
            document = Document(type=kind, period=period, status=status,
                                title=sent.text[start:end + QUALIFIER_WINDOW].split(".")[0].strip(),
                                evidence=[Span(start=sent.start, end=sent.end)])
            referenced = _referenced(lex, sent.text, start, end)
            flag(f, "referenced", referenced)
            if generic:
                ok = acted
            elif kind in common:  # "training programmes", "according to plan": dated, acted on or referred to by name
                ok = bool(period or acted or (referenced and qualified) or status != "mentioned")
            else:
                ok = bool(qualified or period or acted)
            found.append((document, f, ok))
    return found


def find_documents(doc: Doc, lex: Lexicon, decider: Decider | None = None, head=None) -> list[Document]:
    """Documents of the article: every noun mention is a candidate; the rule keeps a qualified,
    dated or acted-on one; the decider keeps and gives each its status.

    "Documents were signed" names a document of its own (type other) only in an article that names
    no specific one; elsewhere "the document" refers back to the plan or agreement named."""
    decider = decider or Decider()
    found = _mentions(doc, lex, head)
    if not any(ok for *_, ok in found):
        found += _mentions(doc, lex, head, generic=True)
    groups: dict[tuple, list[tuple[Document, dict, bool]]] = {}
    dated_types = {_key(d)[0] for d, _, _ in found if d.period}
    for d, f, ok in found:
        key = _key(d)
        if key[1] is None and key[0] in dated_types:  # a bare mention of a type with a dated one is that one
            key = next(_key(x) for x, _, _ in found if _key(x)[0] == key[0] and x.period)
        groups.setdefault(key, []).append((d, f, ok))
    candidates, statuses = [], []
    for key, mentions in groups.items():
        f: dict[str, float] = {}
        for _, mf, _ in mentions:
            _merge_features(f, mf)
        at_least(f, "mentions", len(mentions), (1, 2, 3))
        flag(f, "single_year", bool(key[1]) and key[1][0] == key[1][-1])
        if key[1] and doc.published:
            flag(f, "period_future", key[1][0] > doc.published.year)
            flag(f, "period_past", key[1][-1] < doc.published.year)
        ruled = any(ok for *_, ok in mentions)  # one qualified, dated or acted-on mention keeps the document
        flag(f, "rule", ruled)
        # its status is the furthest any mention takes it: a plan "discussed" and then "signed" is signed
        status = max((d.status for d, _, _ in mentions), key=STRENGTH.get)
        flag(f, f"rule_status={status}")
        value = (key[0], *(key[1] or (None, None)))
        candidates.append(Candidate(value, crossed(f, f"type={key[0]}"), rule=ruled))
        statuses.append((key, mentions, status))
    kept = decider.keep("documents", candidates)
    out = []
    for cand, keep, (key, mentions, status) in zip(candidates, kept, statuses):
        options = _status_options(cand, mentions, status)
        status = options[decider.choose("status", options)].value[-1]
        if not keep:
            continue
        first = next((d for d, *_ in mentions if d.period), mentions[0][0])
        out.append(Document(type=first.type, period=list(key[1]) if key[1] else None, status=status,
                            title=first.title, evidence=[e for d, *_ in mentions for e in d.evidence]))
    return out


def _status_options(candidate: Candidate, mentions, rule: str) -> list[Candidate]:
    """Every status, described by the cues around the document's mentions that name it."""
    out = []
    mood = {k: v for k, v in candidate.features.items()
            if "|" not in k and ":" not in k and not k.startswith(("rule", "type="))}
    for status in DOCUMENT_STATUSES:
        f: dict[str, float] = {"rule": 1.0} if status == rule else {}
        for k, v in candidate.features.items():
            if "|" in k:
                continue
            if k.startswith(("before:", "after:")):
                side, rest = k.split(":", 1)
                label, _, reach = rest.partition("<=")
                if label == status:
                    f[f"{side}<={reach}"] = v
        f.update({f"{k}|status={status}": v for k, v in mood.items()})
        f[f"status={status}"] = 1.0
        out.append(Candidate((*candidate.value, status), f, rule=status == rule))
    return out


def _key(d: Document) -> tuple:
    return SAME_KIND.get(d.type, d.type), tuple(d.period) if d.period else None


def _year_before(lex: Lexicon, text: str) -> list[int] | None:
    """Kazakh puts the period before the noun: '2024-2026 жылдарға арналған жоспар'."""
    m = None
    for m in _period_patterns(lex)[2].finditer(text[-60:]):
        pass
    if not m:
        return None
    a = int(m.group(1))
    b = int(m.group(2)) if m.group(2) else a
    return [a, b] if a <= b else None


def _year_adjective(text: str) -> list[int] | None:
    m = _YEAR_ADJECTIVE.search(text[-50:])
    return [int(m.group(1))] * 2 if m else None
