"""The extraction pipeline: Article -> Doc -> components -> ArticleExtraction.

Models (language analysers, gazetteer) are loaded once per ``Extractor``
and passed to the components; ``Extractor.extract`` is pure given them, so
one Extractor per worker process serves any number of articles.
"""
from __future__ import annotations

from datetime import date

from ..lang import get_lang
from ..lang.base import Lang
from ..lang.detect import detect_language, sentence_languages
from ..lang.lexicon import load_lexicon
from ..records import Article, ArticleExtraction, Event, Span
from .areas import find_areas
from .dates import event_date
from .doc import Doc, Hit, Sentence
from .documents import find_documents
from .exercises import find_exercises
from .people import find_participants
from .places import event_location, party_countries, party_orgs
from .segments import boundaries, within

EXTRACTOR_VERSION = "0.1.0"
MIN_MILITARY_CUES = 2  # a defence article names the military at least twice
# types one side can carry out alone (a purchase, a course, a deployment): their cue may sit
# in a sentence that names no counterpart
ONE_SIDED_TYPES = ("industry", "training", "deployment")
LEAD_CHARS = 600  # an exercise named this early is what the article is about


def _sentence_types(lex, chunk: str) -> set[str]:
    """Event types cued in a sentence; talks "on the sidelines of" a session are not the session."""
    types = set(lex.labels("event_types", chunk))
    if "multilateral" in types and "meeting" in types and lex.search("sidelines", chunk):
        types.discard("multilateral")
    return types


def headline(doc: Doc) -> Sentence | None:
    """The article's first sentence of a few words (a lone city or date line is no headline)."""
    return next((s for s in doc.sentences[:3] if s.prose), None)


def _parse_iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


class Extractor:
    """Holds the loaded models; call ``extract(article)`` for each article."""

    def __init__(self, gazetteer=None):
        if gazetteer is None:
            from ..knowledge import get_gazetteer

            gazetteer = get_gazetteer()
        self.gazetteer = gazetteer
        self._langs: dict[str, Lang] = {}

    def lang(self, code: str) -> Lang:
        if code not in self._langs:
            self._langs[code] = get_lang(code)
        return self._langs[code]

    # -- stages -------------------------------------------------------------
    def analyse(self, article: Article) -> tuple[Doc, Lang]:
        """Every analysis of an article (the stages ``extract`` runs only as far as they pay)."""
        doc, lang = self.read_sentences(article)
        self.find_parties(doc)
        self.find_people(doc, lang)
        return doc, lang

    def read_sentences(self, article: Article) -> tuple[Doc, Lang]:
        """Cheap first: sentences, their language and the cue flags of the lexicon."""
        code = article.lang if article.lang in ("ru", "kk", "en") else detect_language(article.text)
        lang = self.lang(code)
        text = article.text
        doc = Doc(article=article, lang=code, text=text,
                  published=_parse_iso(article.published), published_iso=article.published)
        spans = lang.analyser.sentences(text)
        for (start, end), sent_lang in zip(spans, sentence_languages(text, spans, code)):
            chunk = text[start:end]
            lex = lang.lexicon if sent_lang == code else load_lexicon(sent_lang)
            doc.sentences.append(Sentence(
                start=start, end=end, text=chunk, lang=sent_lang,
                types=_sentence_types(lex, chunk),
                military=bool(lex.search("military", chunk)),
                cooperation=bool(lex.search("cooperation", chunk)),
                planned=bool(lex.search("planned", chunk)),
                held=bool(lex.search("held", chunk)),
                reporting=bool(lex.search("reporting", chunk)),
                background=bool(lex.search("background", chunk)),
            ))
        doc.military_cues = sum(1 for _ in lang.lexicon.finditer("military", text))
        return doc, lang

    def find_parties(self, doc: Doc) -> None:
        """Countries and organisations (the gazetteer), needed to judge relevance."""
        gaz = self.gazetteer
        doc.countries = [Hit(m.start, m.end, m.value, kind=m.kind)
                         for m in gaz.find_country_mentions(doc.text, doc.lang)]
        doc.orgs = [Hit(s, e, org) for s, e, org in gaz.find_orgs(doc.text, doc.lang)]

    def find_people(self, doc: Doc, lang: Lang) -> None:
        """The heavy stage, only for relevant articles: cities and person names (NER)."""
        doc.cities = [Hit(s, e, name, country=c) for s, e, name, c in self.gazetteer.find_cities(doc.text, doc.lang)]
        doc.persons = lang.analyser.persons(doc.text, focus=self._name_sentences(doc, lang))

    @staticmethod
    def _name_sentences(doc: Doc, lang: Lang) -> list[tuple[int, int]]:
        """Sentences where a participant can be named: an event, position, rank or colleague cue
        (``find_participants`` keeps no name without one). A costly NER reads only these."""
        lex = lang.lexicon
        return [(s.start, s.end) for s in doc.sentences
                if s.types or lex.search("colleague", s.text)
                or lex.any_label("roles", s.text) or lex.any_label("ranks", s.text)]

    def extract(self, article: Article, doc_id: str | None = None) -> ArticleExtraction:
        doc, lang = self.read_sentences(article)
        lex = lang.lexicon
        rid = doc_id or article.external_id or article.id
        irrelevant = ArticleExtraction(id=rid, relevant=False, lang=doc.lang, events=[])
        core = [s for s in doc.sentences if s.engaged]
        head = headline(doc)
        if head is not None and head not in core and head.types:
            core.insert(0, head)  # the headline states the occasion
        if doc.military_cues < MIN_MILITARY_CUES or not core:
            return irrelevant  # no gazetteer, no NER for news that is not about the military
        self.find_parties(doc)
        core += [s for s in doc.sentences if s.cooperation and s.held and s not in core
                 and doc.hits_in(doc.countries, s.start, s.end)]  # "in this international contest X beat Y and Z"
        core.sort(key=lambda s: s.start)
        if head is not None and head not in core and head.military and \
                len({h.value for h in doc.hits_in(doc.countries, head.start, head.end)}) >= 2:
            core.append(head)  # "Kazakhstan to buy two aircraft from the US": the parties of the deal
        if not self._relevant(doc, core):
            return irrelevant
        self.find_people(doc, lang)
        exercises = find_exercises(doc, lex, self.gazetteer.exercise_english,
                                   self.gazetteer.find_exercises(doc.text, doc.lang))
        people = find_participants(doc, lex, party_countries(doc, core, [], None), lang.analyser,
                                   things=[e.name for e in exercises])
        documents = find_documents(doc, lex)
        dateline = None
        if article.dateline_city:
            dateline = self.gazetteer.city(article.dateline_city, doc.lang)
        starts = boundaries(core, people, lex) + [len(doc.text) + 1]
        events: list[Event] = []
        for lo, hi in zip(starts, starts[1:]):
            part = [s for s in core if lo <= s.start < hi]
            if not part:
                continue
            events.append(self._event(doc, lex, part, dateline, events[0] if events else None,
                                      [p.model_copy(update={"evidence": [e for e in p.evidence if lo <= e.start < hi]})
                                       for p in people if within(p.evidence, lo, hi)],
                                      [d for d in documents if within(d.evidence, lo, hi)],
                                      [x for x in exercises if within(x.evidence, lo, hi)]))
        return ArticleExtraction(id=rid, relevant=True, lang=doc.lang, events=events)

    def _event(self, doc: Doc, lex, core: list[Sentence], dateline, main: Event | None,
               people, documents, exercises) -> Event:
        """One occasion from its sentences and the facts found in them."""
        types = self._types(core, documents, exercises, doc.sentences)
        location = event_location(doc, lex, core, dateline, set(types))
        if main is not None and not (location.city or location.country):
            location = main.location
        date = event_date(doc, lex, core, [e.name for e in exercises
                                           if e.evidence and e.evidence[0].start < LEAD_CHARS])
        if main is not None and (not date or date == doc.published_iso and main.date):
            date = main.date
        return Event(
            type=types,
            date=date,
            location=location,
            countries=party_countries(doc, core, people, location),
            orgs=party_orgs(doc, lex, [s for s in core if s.eventful]),
            participants=people,
            documents=documents,
            exercises=exercises,
            areas=find_areas(doc, lex, core if main is not None else None),
            preparatory=any(lex.search("preparatory", s.text) for s in core),
            evidence=[Span(start=s.start, end=s.end) for s in core if s.eventful] or
                     [Span(start=s.start, end=s.end) for s in core[:1]],
        )

    # -- decisions ----------------------------------------------------------
    @staticmethod
    def _relevant(doc: Doc, core: list[Sentence]) -> bool:
        """International defence cooperation: military talk, two parties, an engagement."""
        if doc.military_cues < MIN_MILITARY_CUES or not core:
            return False
        parties = {h.value for s in core for h in doc.hits_in(doc.countries, s.start, s.end)}
        orgs = {h.value for s in core for h in doc.hits_in(doc.orgs, s.start, s.end)}
        if len(parties) >= 2 or (parties and orgs):
            return any(s.military for s in core) or doc.military_cues >= 4
        return False

    @staticmethod
    def _types(core: list[Sentence], documents, exercises, elsewhere=()) -> list[str]:
        """Types cued in the engagement's sentences, checked against the facts found.

        A visit or exercise only announced ("совершить визит", "учения пройдут")
        is not one that happened; a signing needs a signed document.
        """
        seen: list[str] = []
        for s in core:
            if s.background:
                continue
            for t in sorted(s.types):
                if t == "visit" and s.planned and not s.held:
                    continue
                if t == "exercise" and (s.planned or not s.held):
                    continue
                if t not in seen:
                    seen.append(t)
        signed = any(d.status in ("signed", "ratified") for d in documents)
        if signed and "signing" not in seen:
            seen.append("signing")
        if not signed and "signing" in seen:
            seen.remove("signing")
        if any(e.status == "held" for e in exercises) and "exercise" not in seen:
            seen.append("exercise")
        order = ["visit", "meeting", "signing", "exercise", "call", "multilateral", "award",
                 "training", "industry", "deployment"]
        if not seen:  # no cue where the parties are: the article's own cues ("сатып алуға")
            seen = list(dict.fromkeys(t for s in elsewhere if not s.background and not s.planned
                                      for t in sorted(s.types) if t in ONE_SIDED_TYPES))
        return sorted(seen, key=order.index) or ["meeting"]
