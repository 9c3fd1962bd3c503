"""Participants: person mentions with the position, rank and country around them.

A mention's role and rank come from the closest lexicon cue before it in its
sentence ("министр обороны Казахстана генерал-полковник Руслан Жаксылыков")
or from an apposition right after it ("Джоном Ордвеем, Временным поверенным
в делах США"). Coordinated names share a plural position and take its
countries in order ("министров обороны Казахстана и России Руслана
Жаксылыкова и Андрея Белоусова"). Mentions of one person (full name,
"А.Джаксыбеков", "Джаксыбекова") are grouped by a cross-script surname key.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..lang.base import PersonMention
from ..lang.lexicon import Lexicon
from ..reading.dateline import outlet_mentions
from ..learn.decider import Candidate, Decider
from ..learn.features import at_least, flag, within
from ..records import Participant, Span
from ..schema import ROLES
from ..translit import name_key, origin_of, palladius_countries, pinyin, romanize
from .doc import Doc
from .officials import Link, link, report_day

LOOKBACK = 140  # chars before a name searched for its position cue
ROLE_COUNTRY_REACH = 30  # a country this far before the position cue still qualifies it
BARE_COUNTRY_REACH = 40  # without a position cue, only a country this close counts
APPOSITION = 90  # chars after a name read as ", министр обороны Ливана"
APPOSITION_WORDS = 3  # words allowed between the comma and the position ("the", "his Indian")
INDUSTRY_REACH = 110  # a company named this close before a title makes it a company post
NAMESAKE_REACH = 30  # "имени", "есімімен аталатын" sit right next to the name
SPOKESPERSON_REACH = 60  # "пресс-секретарь министра обороны Армении Давид Карапетян"
COMMON_ENDING_MIN_LEN = 8  # "Vance", "Olive" are short; "Arrangement", "Comprehensive" are not
GENERIC_ROLES = {"official", "head_of_state"}  # titles companies use too (president, chairman)
ROLE_PRIORITY = ["defense_minister", "deputy_defense_minister", "chief_of_general_staff",
                 "head_of_state", "head_of_government", "commander", "ambassador",
                 "military_attache", "industry_official", "official"]


@dataclass
class Reading:
    """What the text around one mention says about the person."""

    role: str | None = None
    rank: str | None = None
    countries: list[str] = field(default_factory=list)  # in text order, nearest last
    colleague: bool = False
    role_window: bool = False  # the countries were read inside a position phrase
    apposed: list[str] = field(default_factory=list)  # ", the Defense Ministers of KG and RU"
    cues: list[tuple[int, str]] = field(default_factory=list)  # (chars before the name, role) of position cues
    apposed_role: str | None = None  # the position in ", министр обороны Ливана"
    apposition_end: int | None = None  # where that apposition's position phrase ends in the text
    organisation: bool = False  # the position is an organisation's ("Secretary General of the CSTO")


@dataclass
class Person:
    key: str
    mentions: list[PersonMention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    colleague: bool = False
    eventful: bool = False
    readings: list[Reading] = field(default_factory=list)

    def best_name(self) -> str:
        full = [m for m in self.mentions if m.given]
        chosen = max(full or self.mentions, key=lambda m: (len(m.normal.split()), -m.start))
        return chosen.normal


def _same(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))):
        return True
    return fuzz.ratio(a, b) >= 88


def _best_role(matches) -> str:
    """Among cues ending at the same place, the longest (most specific) wins."""
    end = max(e for _, e, _ in matches)
    nearest = [r for r in matches if r[1] == end]
    return min(nearest, key=lambda r: (r[0], ROLE_PRIORITY.index(r[2])))[2]


class Cues:
    """Role and rank cues of the sentences that name people, found once per article."""

    def __init__(self, doc: Doc, lex: Lexicon):
        self.hits: dict[str, list[tuple[int, int, str]]] = {"roles": [], "ranks": [], "event_types": []}
        for sent in doc.sentences:
            if not any(sent.start <= m.start < sent.end for m in doc.persons):
                continue
            for key, found in self.hits.items():
                found.extend((sent.start + a, sent.start + b, label)
                             for a, b, label in lex.label_matches(key, sent.text))

    def within(self, key: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Cues inside [lo, hi), with offsets relative to ``lo``."""
        return [(a - lo, b - lo, label) for a, b, label in self.hits[key] if lo <= a and b <= hi]


def _read(doc: Doc, lex: Lexicon, mention: PersonMention, others: list[PersonMention], cues: Cues,
          floor: int = 0) -> Reading:
    """What the text says of one mention; ``floor``: nothing before it is read (it belongs to an earlier
    person's apposition: "Gen. A, Thailand's Chief of Defense Forces, and Lt. Gen. B, who commands...")."""
    sent = doc.sentence_at(mention.start)
    reading = Reading()
    if sent is None:
        return reading
    lo = max(sent.start, mention.start - LOOKBACK, floor)
    for other in others:  # never read past another person's name
        if lo <= other.start and other.end <= mention.start:
            lo = other.end
    # nor past an event verb: "Kazakhstan's defence minister met X" says nothing of X's post
    lo = max([lo] + [e for s, e, _ in cues.hits["event_types"] if lo <= s and e <= mention.start])
    before = doc.text[lo:mention.start]
    roles = cues.within("roles", lo, mention.start)
    reading.cues = [(mention.start - lo - e, label) for _, e, label in roles]
    if roles:
        reading.role = _best_role(roles)
        if reading.role in GENERIC_ROLES and lex.search("industry_context", before[-INDUSTRY_REACH:]):
            reading.role = "industry_official"  # "компаниясының президенті", "председатель концерна"
        role_start = lo + min(s for s, _, _ in roles)
        reach = max(lo, role_start - ROLE_COUNTRY_REACH)
        reading.role_window = True
    else:
        reach = max(lo, mention.start - BARE_COUNTRY_REACH)
    ranks = cues.within("ranks", max(lo, mention.start - 60), mention.start)
    if ranks:
        reading.rank = max(ranks, key=lambda r: (r[1], r[1] - r[0]))[2]
    reading.colleague = bool(lex.search("colleague", before[-60:]))
    hits = [h for h in doc.countries if reach <= h.start and h.end <= mention.start]
    own = [h for h in hits if not _hosting(doc, lex, h)]  # "посол Казахстана в Азербайджане"
    reading.countries = [h.value for h in own]
    if roles:  # "ҰҚШҰ Бас хатшысы", "генеральный секретарь ОДКБ": the post is the organisation's
        orgs = [h for h in doc.orgs if reach <= h.start and h.end <= mention.start]
        reading.organisation = bool(orgs) and (not own or max(h.start for h in orgs) > max(h.start for h in own))
    _read_apposition(doc, mention, others, sent, reading, cues,
                     frozenset(w.lower() for w in lex.raw.get("conjunctions") or () if w.isalpha()))
    return reading


def _read_apposition(doc, mention, others, sent, reading: Reading, cues: Cues,
                     joiners: frozenset[str] = frozenset()) -> None:
    """", заместитель министра обороны США" right after a name (not ", and ..." which starts another)."""
    end = min(sent.end, mention.end + APPOSITION)
    for other in others:
        if mention.end <= other.start < end:
            end = other.start
    after = doc.text[mention.end:end]
    if not re.match(r"^\s*[,(–—-]", after):
        return
    tail = cues.within("roles", mention.end, min(end, mention.end + 70))
    if not tail:
        return
    first = min(s for s, _, _ in tail)
    lead = after[:first]
    for h in doc.countries:  # ", the Republic of Kazakhstan's Deputy Minister": the country is one word
        if mention.end <= h.start and h.end <= mention.end + first:
            lead = lead.replace(doc.text[h.start:h.end], "X")
    words = re.findall(r"\w+", lead)
    if len(words) > APPOSITION_WORDS:
        return  # ", this was the first official visit" is a clause, not an apposition
    if words and words[0].lower() in joiners:
        return  # ", and Kazakhstan's defence minister B": the next name's post, not this one's
    reading.apposed_role = _best_role([t for t in tail if t[0] == first] or tail)
    reading.apposition_end = mention.end + max(e for s, e, _ in tail if s == first)
    if reading.role in (None, "official") or first < 6:
        reading.role = reading.apposed_role
        # ", Armenia's Defense Minister" / ", Временным поверенным в делах США"
        post = [h.value for h in doc.countries
                if mention.end <= h.start < mention.end + first + 60]
        if post:
            reading.countries = post[:1]
            reading.apposed = list(dict.fromkeys(post))[:2]
            reading.role_window = True


def _hosting(doc: Doc, lex: Lexicon, hit) -> bool:
    """A country named as the place of a posting: 'в Азербайджане', 'to Mongolia', 'Әзербайжандағы'."""
    before = doc.text[max(0, hit.start - 4):hit.start].split()
    if before and before[-1].lower() in {p.lower() for p in lex.raw.get("host_preps") or ()}:
        return True
    word = doc.text[hit.start:hit.end].lower()
    return any(word.endswith(suffix) for suffix in lex.raw.get("host_suffixes") or ())


def _honoured(doc: Doc, lex: Lexicon, mention: PersonMention) -> bool:
    """A name in a wreath-laying or memorial sentence is the dead being honoured."""
    sent = doc.sentence_at(mention.start)
    return bool(sent and lex.search("memorial", sent.text))


def _namesake(doc: Doc, lex: Lexicon, mention: PersonMention) -> bool:
    """'бригада имени Ивана Панфилова', 'Айтматовтың мұражайы': the name labels a thing."""
    before = doc.text[max(0, mention.start - NAMESAKE_REACH):mention.start]
    after = doc.text[mention.end:mention.end + NAMESAKE_REACH]
    return any(label == "before" and not before[e:].strip() for _, e, label in lex.label_matches("namesake", before)) \
        or any(label == "after" and not after[:s].strip() for s, _, label in lex.label_matches("namesake", after))


def _coordinate(doc: Doc, lex: Lexicon, mentions: list[PersonMention], readings: list[Reading]) -> None:
    """'министров обороны Казахстана и России Руслана Жаксылыкова и Андрея Белоусова'."""
    joiners = "|".join(re.escape(w) for w in lex.raw.get("conjunctions") or [","])
    conjunction = re.compile(rf"^\s*(?:{joiners})?\s*$", re.IGNORECASE)
    for i in range(1, len(mentions)):
        a, b = mentions[i - 1], mentions[i]
        between = doc.text[a.end:b.start]
        for h in doc.countries:
            if a.end <= h.start and h.end <= b.start:
                between = between.replace(doc.text[h.start:h.end], "")
        if not conjunction.match(between):
            continue
        ra, rb = readings[i - 1], readings[i]
        if rb.apposed and not ra.role:  # "A and B, the Defense Ministers of X and Y"
            ra.role = rb.role
            if len(rb.apposed) == 2:
                ra.countries, rb.countries = [rb.apposed[0]], [rb.apposed[1]]
            continue
        rb.role = rb.role or ra.role
        distinct = list(dict.fromkeys(ra.countries))
        if len(distinct) >= 2 and not rb.countries:
            ra.countries, rb.countries = [distinct[-2]], [distinct[-1]]


_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*|[A-ZА-ЯЁ]\.")
_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def _blocked_spans(doc: Doc, lex: Lexicon, cues: Cues) -> list[tuple[int, int]]:
    """Places, organisations, news outlets and position/rank/military cue words: never part of a name."""
    spans = [(h.start, h.end) for h in doc.countries + doc.cities + doc.orgs]
    spans.extend(outlet_mentions(doc.text))
    spans.extend((a, b) for key in ("roles", "ranks") for a, b, _ in cues.hits[key])
    for sent in doc.sentences:
        if not any(sent.start <= m.start < sent.end for m in doc.persons):
            continue
        spans.extend((sent.start + m.start(), sent.start + m.end()) for m in lex.finditer("military", sent.text))
    return spans


def _common_word(word: str, not_name: set[str], endings: tuple[str, ...]) -> bool:
    """A word listed as no name, or a long word with a common-noun ending ("Partnership")."""
    return word in not_name or (len(word) >= COMMON_ENDING_MIN_LEN and word.endswith(endings))


def _trim(doc: Doc, mention: PersonMention, blocked, analyser, not_name,
          endings: tuple[str, ...] = (), joiners: frozenset[str] = frozenset()) -> list[PersonMention]:
    """The names inside a mention: a conjunction separates two ("Зеленский мен Ердоған"); within
    each part, the run of name words after the last place or cue word."""
    tokens = [(mention.start + t.start(), mention.start + t.end())
              for t in _TOKEN.finditer(doc.text[mention.start:mention.end])]
    joins = [doc.text[s:e].lower() in joiners for s, e in tokens]
    free = [not j and not any(a < e and s < b for a, b in blocked)
            and not _common_word(re.sub(r"['’]s$", "", doc.text[s:e]).lower().rstrip("."), not_name, endings)
            for (s, e), j in zip(tokens, joins)]
    if all(free):
        return [mention]
    out: list[PersonMention] = []
    run: list[tuple[int, int]] = []
    for tok, ok, join in [*zip(tokens, free, joins), ((0, 0), False, True)]:
        if join and run and analyser is not None:
            out.append(analyser.mention(doc.text, run[0][0], run[-1][1]))
        run = run + [tok] if ok else []
    return [m for m in out if m is not None]


_LINE_WORD = re.compile(r"[^\W\d_]{3,}")
TITLE_CASE_MIN_WORDS = 5  # "Maj. Kevin Sandell" alone is a caption, not a headline


def _title_case(text: str, pos: int) -> bool:
    """Is the line around ``pos`` written in title case ("Russia And Kazakhstan Swap Out
    Military Cooperation Pact Dating Back Decades")? Capitals there say nothing of names."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    words = _LINE_WORD.findall(text[start:end if end >= 0 else len(text)])
    return len(words) >= TITLE_CASE_MIN_WORDS and all(w[0].isupper() for w in words)


def _unconfirmed_titles(doc: Doc, mentions: list[PersonMention]) -> list[PersonMention]:
    """Mentions from title-case lines whose surname the article never writes in a plain line."""
    titled = [_title_case(doc.text, m.start) for m in mentions]
    plain = [name_key(m.surname) for m, t in zip(mentions, titled) if not t]
    return [m for m, t in zip(mentions, titled)
            if t and not any(_same(name_key(m.surname), k) for k in plain)]


def _named_thing(mention: PersonMention, things: set[str]) -> bool:
    """'Steppe Eagle', 'Khaan Quest': the name of an exercise found in the article."""
    name = romanize(mention.normal).lower()
    return any(t == name or t.startswith(name + "-") or t.startswith(name + " ") for t in things)


def find_participants(doc: Doc, lex: Lexicon, parties: list[str] | None = None,
                      analyser=None, things: list[str] = (), decider: Decider | None = None,
                      dateline_country: str | None = None) -> list[Participant]:
    """Group person mentions into people and read their role, rank and country.

    ``things``: names of exercises (or other named things) the article mentions;
    a capitalised run equal to one of them is not a person.
    """
    cues = Cues(doc, lex)
    blocked = _blocked_spans(doc, lex, cues)
    not_name = {w.lower() for w in lex.raw.get("not_name") or ()}
    if lex.raw.get("common_if_lowercase"):  # "Comprehensive Strategic Partnership" ... "the partnership"
        not_name |= set(re.findall(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])", doc.text)) \
            - set(lex.raw.get("name_particles") or ())  # "bin" in "Khalid bin Salman" is no common word
    endings = tuple(lex.raw.get("not_name_endings") or ())
    joiners = frozenset(w.lower() for w in lex.raw.get("conjunctions") or () if w.isalpha())
    named = {t.lower() for t in things}
    mentions = []
    for m in doc.persons:
        for part in _trim(doc, m, blocked, analyser, not_name, endings, joiners):
            if not _honoured(doc, lex, part) and not _namesake(doc, lex, part) and not _named_thing(part, named):
                mentions.append(part)
    unconfirmed = _unconfirmed_titles(doc, mentions)
    mentions = [m for m in mentions if m not in unconfirmed]
    readings = [_read(doc, lex, m, mentions, cues) for m in mentions]
    for i, m in enumerate(mentions):  # a position apposed to one name is not the next name's
        floor = max((r.apposition_end for r in readings[:i] if r.apposition_end and r.apposition_end <= m.start),
                    default=0)
        if floor:
            readings[i] = _read(doc, lex, m, mentions, cues, floor)
    _coordinate(doc, lex, mentions, readings)
    people: list[Person] = []
    for m, r in zip(mentions, readings):
        key = name_key(m.surname)
        if len(key) < 3:
            continue
        person = next((p for p in people if _same(p.key, key)), None)
        if person is None:
            person = Person(key=key)
            people.append(person)
        person.mentions.append(m)
        person.readings.append(r)
        if r.role:
            person.roles.append(r.role)
        if r.rank:
            person.ranks.append(r.rank)
        if r.countries:
            # inside a position phrase the nearest country qualifies the position
            person.countries.append(r.countries[-1])
        person.colleague |= r.colleague
        sent = doc.sentence_at(m.start)
        person.eventful |= bool(sent and sent.eventful)
    rule_kept = [bool(p.roles or p.ranks or p.colleague) or (p.eventful and any(m.given for m in p.mentions))
                 for p in people]
    drafts = [(_draft(p), p.colleague) for p in people]
    stateless = {id(d) for p, (d, _) in zip(people, drafts)
                 if d.country is None and any(r.organisation for r in p.readings)}
    _fill_gaps([d for d, k in zip(drafts, rule_kept) if k], parties or [], stateless)
    decider = decider or Decider()
    context = _Context(doc, lex, cues, people, parties or [], dateline_country)
    day = report_day(doc.published, doc.published_iso)
    named = frozenset(h.value for h in doc.countries)
    context.links = {id(p): link(p.best_name(), day, named) for p in people}
    for p, (d, _) in zip(people, drafts):
        _apply_reference(p, d, context.official(p))
    candidates = [Candidate(d.name, _keep_features(context, p, d, k), rule=k)
                  for p, (d, _), k in zip(people, drafts, rule_kept)]
    kept = decider.keep("participants", candidates)
    out: list[Participant] = []
    cyrillic: dict[int, str] = {}  # first mention's offset -> the name in the nominative, as written
    for p, (d, _), keep in zip(people, drafts, kept):
        options = _role_options(context, p, d)
        d.role = options[decider.choose("role", options)].value[1]
        options = _country_options(context, p, d)
        pick = decider.choose("person_country", options)
        d.country = options[pick].value[1] if pick is not None else d.country
        if keep:
            out.append(d)
            cyrillic[p.mentions[0].start] = p.best_name()
    out = _names_by_origin(out, cyrillic)
    for p, (d, _) in zip(people, drafts):
        official = context.official(p)
        if official is not None:
            d.official_id = official.id
            if _CYRILLIC.search(p.best_name()):  # a Latin report's own spelling is already a Latin one
                d.name = official.name  # Эрдоган -> Recep Tayyip Erdoğan, not Redzhep Tayip Erdogan
    return out


def _apply_reference(p: Person, d: Participant, official: Link | None) -> None:
    """The rule's use of the reference: the official's country (a person's country does not change
    with the sentence, while the country nearest a name often belongs to someone else), and the
    office held that day where the text names no specific position of its own; nothing for someone
    holding an organisation's post."""
    if official is None:
        return
    if any(r.organisation for r in p.readings) and not p.countries:
        return  # speaking for an organisation ("CSTO Secretary General X"): neither its country nor its office
    if official.role and d.role in (None, "official"):
        d.role = official.role
    d.country = official.country


def _draft(p: Person) -> Participant:
    """The rule's reading of one person: the first specific role, the country said most often."""
    return Participant(
        name=romanize(p.best_name()),
        country=Counter(p.countries).most_common(1)[0][0] if p.countries else None,
        role=_pick(p.roles) if p.roles else None,
        rank=p.ranks[0] if p.ranks else None,
        surface=p.mentions[0].text,
        evidence=[Span(start=m.start, end=m.end) for m in p.mentions],
    )


@dataclass
class _Context:
    """What the features of every person of one article read."""

    doc: Doc
    lex: Lexicon
    cues: Cues
    people: list[Person]
    parties: list[str]
    dateline_country: str | None = None
    links: dict[int, Link | None] = field(default_factory=dict)  # id(Person) -> the official it names

    def official(self, p: Person) -> Link | None:
        return self.links.get(id(p))


def _no_country(ctx: _Context, p: Person, d: Participant) -> Candidate:
    """The option that the person speaks for no country: an organisation's secretary general, a UN
    mission's head ("генеральный секретарь ОДКБ", "Secretary General of NATO")."""
    doc = ctx.doc
    f: dict[str, float] = {"none": 1.0}
    for m, r in zip(p.mentions, p.readings):
        sent = doc.sentence_at(m.start)
        if sent is None:
            continue
        orgs = doc.hits_in(doc.orgs, sent.start, sent.end)
        within(f, "org_before", min((m.start - h.end for h in orgs if h.end <= m.start), default=None),
               (10, 30, 60, 140))
        within(f, "org_after", min((h.start - m.end for h in orgs if h.start >= m.end), default=None), (10, 40, 90))
        flag(f, "org_no_country_between", any(h.end <= m.start and not doc.hits_in(doc.countries, h.end, m.start)
                                              for h in orgs))
    flag(f, "nothing_read", not p.countries)
    flag(f, "organisation_post", any(r.organisation for r in p.readings))
    flag(f, "rule", d.country is None)
    return Candidate((d.name, None), f, rule=d.country is None)


def _keep_features(ctx: _Context, p: Person, d: Participant, rule: bool) -> dict:
    doc = ctx.doc
    f: dict[str, float] = {}
    flag(f, "rule", rule)
    flag(f, f"lang={doc.lang}")
    official = ctx.official(p)
    flag(f, "official", official is not None)
    flag(f, "official_in_office", official is not None and official.role is not None)
    flag(f, "role_cue", bool(p.roles))
    flag(f, "specific_role", any(r not in GENERIC_ROLES for r in p.roles))
    flag(f, "rank", bool(p.ranks))
    flag(f, "colleague", p.colleague)
    flag(f, "eventful", p.eventful)
    flag(f, "apposition", any(r.apposed_role for r in p.readings))
    flag(f, "country_read", bool(p.countries))
    full = any(m.given for m in p.mentions)
    flag(f, "full_name", full)
    at_least(f, "mentions", len(p.mentions), (1, 2, 3, 5))
    words = d.name.split()
    at_least(f, "words", len(words), (1, 2, 3, 4))
    flag(f, "initials", any(re.match(r"^[A-ZА-ЯЁ]\.", m.text) for m in p.mentions))
    sents = [doc.sentence_at(m.start) for m in p.mentions]
    sents = [s for s in sents if s is not None]
    at_least(f, "typed_sentences", sum(bool(s.types) for s in sents), (1, 2, 3))
    flag(f, "reporting_only", bool(sents) and all(s.reporting and not s.types for s in sents))
    flag(f, "in_lead", any(s in doc.sentences[:3] for s in sents))
    flag(f, "title_case", all(_title_case(doc.text, m.start) for m in p.mentions))
    within(f, "first_at", p.mentions[0].start / max(1, len(doc.text)), (0.1, 0.3, 0.6))
    flag(f, "latin_in_cyrillic", doc.lang != "en" and not re.search(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", d.surface or ""))
    flag(f, "all_caps_word", any(len(w) > 2 and w.isupper() for w in (d.surface or "").split()))
    key = name_key(p.mentions[-1].surname)
    if len(key) >= 4:
        f[f"ending={key[-2:]}"] = 1.0
    spans = [(doc.text[max(0, m.start - SPOKESPERSON_REACH):m.start], doc.text[m.end:m.end + SPOKESPERSON_REACH])
             for m in p.mentions]
    flag(f, "spokesperson", any(ctx.lex.search("spokesperson", b) or ctx.lex.search("spokesperson", a)
                                for b, a in spans))
    flag(f, "reporting_beside", any(ctx.lex.search("reporting", b[-40:]) or ctx.lex.search("reporting", a[:40])
                                    for b, a in spans))
    events = ctx.cues.hits["event_types"]
    gaps = [min(abs(m.start - e) if e <= m.start else abs(s - m.end) for s, e, _ in events)
            for m in p.mentions if events]
    within(f, "event_cue", min(gaps) if gaps else None, (15, 40, 80, 160))
    if ctx.lex.common_words:  # "Policy Dialogue", "Takes Part": frequent words are rarely a name
        common = [w.lower() in ctx.lex.common_words for w in words]
        flag(f, "common_surname", common[-1])
        flag(f, "half_common", sum(common) * 2 >= len(common))
        flag(f, "all_common", all(common))
    return f


def _role_options(ctx: _Context, p: Person, d: Participant) -> list[Candidate]:
    """Every role, described by how the text around the person agrees with it."""
    cues = [(dist, label) for r in p.readings for dist, label in r.cues]
    nearest = min(cues)[1] if cues else None
    apposed = {r.apposed_role for r in p.readings if r.apposed_role}
    peers = {_pick(q.roles) for q in ctx.people if q is not p and q.roles} if p.colleague else set()
    before = " ".join(ctx.doc.text[max(0, m.start - INDUSTRY_REACH):m.start] for m in p.mentions)
    industry = bool(ctx.lex.search("industry_context", before))
    rule = d.role or "official"
    official = ctx.official(p)
    out = []
    for role in ROLES:
        f: dict[str, float] = {}
        flag(f, "rule", role == rule)
        flag(f, "reference", official is not None and official.role == role)
        mine = [dist for dist, label in cues if label == role]
        flag(f, "cue", bool(mine))
        within(f, "cue", min(mine) if mine else None, (2, 10, 30, 80))
        flag(f, "nearest_cue", role == nearest)
        flag(f, "apposed", role in apposed)
        flag(f, "peer", role in peers)
        g: dict[str, float] = {}
        flag(g, "rank", bool(p.ranks))
        flag(g, "industry_context", industry)
        flag(g, "no_cue", not cues and not apposed)
        flag(g, "rule_generic", rule in GENERIC_ROLES)
        f.update({f"{k}|role={role}": v for k, v in g.items()})
        f[f"role={role}"] = 1.0
        out.append(Candidate((d.name, role), f, rule=role == rule))
    return out


def _country_options(ctx: _Context, p: Person, d: Participant) -> list[Candidate]:
    """Every country the person's sentences name, and the parties, described as this person's."""
    doc = ctx.doc
    codes: dict[str, dict[str, float]] = {}
    role_spans = ctx.cues.hits["roles"]
    others = [m for q in ctx.people if q is not p for m in q.mentions]
    for m, r in zip(p.mentions, p.readings):
        sent = doc.sentence_at(m.start)
        if sent is None:
            continue
        hits = doc.hits_in(doc.countries, sent.start, sent.end)
        before = sorted({h.value: h for h in hits if h.end <= m.start}.values(), key=lambda h: -h.start)
        for rank, h in enumerate(before):
            f = codes.setdefault(h.value, {})
            within(f, "before", m.start - h.end, (3, 10, 30, 60, 140))
            at_least(f, "nearest_before", 3 - min(rank, 2), (1, 2, 3))
            flag(f, "between_other_person", any(h.end <= o.start and o.end <= m.start for o in others))
        for h in hits:
            f = codes.setdefault(h.value, {})
            if h.start >= m.end:
                within(f, "after", h.start - m.end, (3, 10, 30, 90))
                flag(f, "after_other_person", any(m.end <= o.start and o.end <= h.start for o in others))
            flag(f, f"kind={h.kind}")
            flag(f, "hosting", _hosting(doc, ctx.lex, h))
            flag(f, "after_role_cue", any(0 <= h.start - ce <= 3 for _, ce, _ in role_spans))
            flag(f, "before_role_cue", any(0 <= cs - h.end <= 3 for cs, _, _ in role_spans))
        for c in r.countries:
            flag(codes.setdefault(c, {}), "read")
        if r.countries:
            flag(codes.setdefault(r.countries[-1], {}), "read_nearest")
        for c in r.apposed:
            flag(codes.setdefault(c, {}), "apposed")
    for c in ctx.parties:
        flag(codes.setdefault(c, {}), "party")
    if d.country:
        codes.setdefault(d.country, {})
    official = ctx.official(p)
    if official is not None:
        flag(codes.setdefault(official.country, {}), "reference")
    totals = Counter(h.value for h in doc.countries)
    top = totals.most_common(1)[0][0] if totals else None
    out = [_no_country(ctx, p, d)]
    for code, f in codes.items():
        f = dict(f)
        flag(f, "rule", code == d.country)
        at_least(f, "votes", sum(c == code for c in p.countries), (1, 2, 3))
        flag(f, "first_party", bool(ctx.parties) and ctx.parties[0] == code)
        flag(f, "most_named", code == top)
        flag(f, "dateline", code == ctx.dateline_country)
        at_least(f, "doc", totals.get(code, 0), (1, 2, 4, 8))
        out.append(Candidate((d.name, code), f, rule=code == d.country))
    return out


def _names_by_origin(people: list[Participant], cyrillic: dict[int, str]) -> list[Participant]:
    """A foreign name in Cyrillic is a transcription: undo it by the origin the person's country gives.

    Chinese names are Palladius: 'Дун Цзюнь' is Dong Jun, not Dun Tszyun (the name as written is tried
    first, then its nominative: 'Цзинь Чжицянмен' is 'Цзинь Чжицян' with a Kazakh case ending). Other
    origins follow ``lang/origins.yaml``: a Turkish 'Хулуси Акар' is Hulusi Akar, not Khulusi Akar.
    """
    chinese = palladius_countries()
    for p in people:
        if not (p.surface and re.search(r"[А-Яа-яЁё]", p.surface)):
            continue
        normal = cyrillic.get(p.evidence[0].start) if p.evidence else None
        if p.country in chinese:
            p.name = pinyin(p.surface) or (normal and pinyin(normal)) or p.name
        elif normal and (origin := origin_of(p.country)):
            p.name = romanize(normal, origin)
    return people


def _pick(values: list[str]) -> str:
    """The first specific value seen; 'official' only when nothing better was said."""
    specific = [v for v in values if v != "official"]
    return specific[0] if specific else values[0]


def _fill_gaps(found: list[tuple[Participant, bool]], parties: list[str], stateless=frozenset()) -> list[Participant]:
    """Fill what the text left implicit from the other participants and the parties.

    'его казахстанский коллега' holds the same office as the other side; a
    person whose country is never named belongs to the party with nobody
    else speaking for it, or else to the main party, unless the person holds an
    organisation's post (``stateless``: ids of such participants).
    """
    people = [p for p, _ in found]
    for p, colleague in found:
        if p.role is None and colleague:
            peers = [q.role for q in people if q is not p and q.role]
            if peers:
                p.role = peers[0]
        if p.role is None:
            p.role = "official"
    if parties:
        held = {p.country for p in people if p.country}
        free = [c for c in parties if c not in held]
        for p in people:
            if p.country is None and id(p) not in stateless:
                p.country = free[0] if free else parties[0]
    return people
