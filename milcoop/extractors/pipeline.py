"""The extraction pipeline: Article -> Doc -> candidates -> decisions -> ArticleExtraction.

Models (language analysers, gazetteer, learned decisions) are loaded once
per ``Extractor`` and passed to the components; ``Extractor.extract`` is
pure given them, so one Extractor per worker process serves any number of
articles. The rules propose candidates; a ``Decider`` keeps or picks among
them (with the learned models when present, else as the rules say).
"""
from __future__ import annotations

from datetime import date

from ..lang import get_lang
from ..lang.base import Lang
from ..lang.detect import detect_language, sentence_languages
from ..lang.lexicon import load_lexicon
from ..learn.decider import Decider
from ..learn.store import load_models
from ..records import Article, ArticleExtraction, Event, Location, Span
from ..schema import EVENT_TYPES
from .areas import area_candidates, find_areas
from .dates import date_candidates, event_date
from .doc import Doc, Hit, Sentence
from .documents import find_documents
from .exercises import find_exercises
from .people import find_participants
from .places import (country_candidates, event_location, location_candidates, org_candidates, party_countries,
                     party_orgs)
from .relevance import relevance_features, rule_relevant
from .segments import boundaries, within
from .types import hosted, rule_types, sentence_types, type_candidates

EXTRACTOR_VERSION = "0.1.0"
LEAD_CHARS = 600  # an exercise named this early is what the article is about


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

    def __init__(self, gazetteer=None, decider: Decider | None = None):
        if gazetteer is None:
            from ..knowledge import get_gazetteer

            gazetteer = get_gazetteer()
        self.gazetteer = gazetteer
        self.decider = decider if decider is not None else Decider(load_models())
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
                types=sentence_types(lex, chunk),
                military=bool(lex.search("military", chunk)),
                cooperation=bool(lex.search("cooperation", chunk)),
                planned=bool(lex.search("planned", chunk)),
                held=bool(lex.search("held", chunk)),
                reporting=bool(lex.search("reporting", chunk)),
                background=bool(lex.search("background", chunk)),
                troops=bool(lex.search("troops", chunk)),
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

    def extract(self, article: Article, doc_id: str | None = None,
                decider: Decider | None = None) -> ArticleExtraction:
        """The schema record of one article (``decider``: other models than the Extractor's own)."""
        decider = decider or self.decider
        doc, lang = self.read_sentences(article)
        lex = lang.lexicon
        rid = doc_id or article.external_id or article.id
        irrelevant = ArticleExtraction(id=rid, relevant=False, lang=doc.lang, events=[])
        core = [s for s in doc.sentences if s.engaged]
        head = headline(doc)
        if head is not None and head not in core and head.types:
            core.insert(0, head)  # the headline states the occasion
        if not doc.military_cues and decider.gold_relevant is None:
            return irrelevant  # no gazetteer, no NER for news that never names the military
        self.find_parties(doc)
        core += [s for s in doc.sentences if s.cooperation and s.held and s not in core
                 and doc.hits_in(doc.countries, s.start, s.end)]  # "in this international contest X beat Y and Z"
        core.sort(key=lambda s: s.start)
        if head is not None and head not in core and head.military and \
                len({h.value for h in doc.hits_in(doc.countries, head.start, head.end)}) >= 2:
            core.append(head)  # "Kazakhstan to buy two aircraft from the US": the parties of the deal
        rule = rule_relevant(doc, core)
        if not decider.relevant(relevance_features(doc, core, head, rule), rule):
            return irrelevant
        if not core:  # relevant without a cued engagement: the sentences naming the military and a country
            core = [s for s in doc.sentences if (s.military or s.cooperation)
                    and doc.hits_in(doc.countries, s.start, s.end)] or [s for s in doc.sentences if s.prose][:2]
            if not core:
                return irrelevant
        self.find_people(doc, lang)
        dateline = None
        if article.dateline_city:
            dateline = self.gazetteer.city(article.dateline_city, doc.lang)
        exercises = find_exercises(doc, lex, self.gazetteer.exercise_english,
                                   self.gazetteer.find_exercises(doc.text, doc.lang), decider, head)
        people = find_participants(doc, lex, party_countries(doc, core, [], None), lang.analyser,
                                   things=[e.name for e in exercises], decider=decider,
                                   dateline_country=dateline[1] if dateline else None)
        documents = find_documents(doc, lex, decider, head)
        starts = boundaries(doc, core, people, lex) + [len(doc.text) + 1]
        events: list[Event] = []
        for lo, hi in zip(starts, starts[1:]):
            part = [s for s in core if lo <= s.start < hi]
            if not part:
                continue
            events.append(self._event(doc, lex, decider, head, part, dateline, events[0] if events else None,
                                      [p.model_copy(update={"evidence": [e for e in p.evidence if lo <= e.start < hi]})
                                       for p in people if within(p.evidence, lo, hi)],
                                      [d for d in documents if within(d.evidence, lo, hi)],
                                      [x for x in exercises if within(x.evidence, lo, hi)]))
        return ArticleExtraction(id=rid, relevant=True, lang=doc.lang, events=events)

    def _event(self, doc: Doc, lex, decider: Decider, head, core: list[Sentence], dateline, main: Event | None,
               people, documents, exercises) -> Event:
        """One occasion from its sentences and the facts found in them."""
        index = 1 if main is not None else 0
        rule = rule_types(core, documents, exercises, doc.sentences)
        rule_location = event_location(doc, lex, core, dateline, set(rule))
        options = location_candidates(doc, lex, core, dateline, head, rule_location)
        pick = decider.choose("location", options, index)
        location = Location(city=options[pick].value[0], country=options[pick].value[1]) \
            if pick is not None else rule_location
        if main is not None and not (location.city or location.country):
            location = main.location
        came = hosted(location, people, rule)
        if came and "visit" not in rule:
            rule = sorted(rule + ["visit"], key=EVENT_TYPES.index)
        candidates = type_candidates(doc, core, head, documents, exercises, people,
                                     [h.value for s in core for h in doc.hits_in(doc.orgs, s.start, s.end)], rule,
                                     came)
        kept = decider.keep("types", candidates, index)
        types = [c.value for c, k in zip(candidates, kept) if k] or _likeliest(decider, "types", candidates) or rule
        types = sorted(types, key=EVENT_TYPES.index)
        named = [e.name for e in exercises if e.evidence and e.evidence[0].start < LEAD_CHARS]
        rule_date = event_date(doc, lex, core, named)
        options = date_candidates(doc, lex, core, named, head, rule_date)
        pick = decider.choose("date", options, index)
        date = options[pick].value if pick is not None else rule_date
        if main is not None and (not date or date == doc.published_iso and main.date):
            date = main.date
        rule_countries = party_countries(doc, core, people, location)
        candidates = country_candidates(doc, lex, core, head, people, location, dateline, rule_countries)
        countries = [c.value for c, k in zip(candidates, decider.keep("countries", candidates, index)) if k]
        rule_orgs = party_orgs(doc, lex, [s for s in core if s.eventful])
        candidates = org_candidates(doc, lex, core, head, types, rule_orgs)
        orgs = [c.value for c, k in zip(candidates, decider.keep("orgs", candidates, index)) if k]
        rule_areas = find_areas(doc, lex, core if main is not None else None)
        candidates = area_candidates(doc, lex, core if main is not None else doc.sentences, head, rule_areas)
        areas = [c.value for c, k in zip(candidates, decider.keep("areas", candidates, index)) if k]
        return Event(
            type=types,
            date=date,
            location=location,
            countries=countries,
            orgs=orgs,
            participants=people,
            documents=documents,
            exercises=exercises,
            areas=areas,
            preparatory=any(lex.search("preparatory", s.text) for s in core),
            evidence=[Span(start=s.start, end=s.end) for s in core if s.eventful] or
                     [Span(start=s.start, end=s.end) for s in core[:1]],
        )


def _likeliest(decider: Decider, decision: str, candidates) -> list:
    """The one most likely candidate, when a model kept none (an event has at least one type)."""
    scores = decider.scores(decision, candidates)
    if not scores:
        return []
    return [max(zip(scores, candidates), key=lambda x: x[0])[1].value]
