"""Participants on real dev articles: names in the nominative, Palladius Chinese names, ranks."""
import pytest

from milcoop.reading import clean
from milcoop.records import RawDocument

pytestmark = pytest.mark.slow


def _people(extractor, rec):
    raw = RawDocument(source=rec["id"], external_id=rec["id"], text=rec["text"], url=rec.get("url"),
                      lang=rec.get("lang"))
    return {p.name: p for e in extractor.extract(clean(raw)).events for p in e.participants}


def test_chinese_attache_in_kazakh_case_is_pinyin_and_senior_colonel(dev, extractor):
    """dev022: 'аға полковник Цзинь Чжицянмен' (with ..., instrumental) is Senior Colonel Jin Zhiqiang."""
    people = _people(extractor, dev["dev022"])
    assert "Jin Zhiqiang" in people
    jin = people["Jin Zhiqiang"]
    assert (jin.country, jin.role, jin.rank) == ("CN", "military_attache", "other")


@pytest.mark.parametrize("lang, text, rank", [
    ("kk", "әскери атташе аға полковник Цзинь Чжицян", "other"),
    ("ru", "военный атташе старший полковник Цзинь Чжицян", "other"),
    ("en", "defence attaché Senior Colonel Jin Zhiqiang", "other"),
    ("ru", "военный атташе полковник Иван Петров", "colonel"),
])
def test_senior_colonel_is_not_colonel(lang, text, rank):
    from milcoop.lang.lexicon import load_lexicon

    hits = load_lexicon(lang).label_matches("ranks", text)
    assert max(hits, key=lambda r: (r[1], r[1] - r[0]))[2] == rank
