"""Encodings: real Cyrillic text from the seeds in every supported encoding."""
from __future__ import annotations

import codecs

import pytest

from milcoop.errors import EncodingUnknown
from milcoop.reading import iter_documents
from milcoop.reading.encoding import decode_bytes, sniff_binary


def koi8_safe(text: str) -> str:
    """koi8-r has no «» or –: swap them for ASCII the way legacy pages did."""
    return text.translate(str.maketrans({"«": '"', "»": '"', "–": "-", "—": "-", "\xa0": " "}))


@pytest.fixture(scope="module")
def russian_samples(corpus) -> dict[str, str]:
    """Short headline, one paragraph and a whole article, all from the seeds."""
    seed1 = corpus["seed1"]["text"]
    return {
        "headline": corpus["seed0"]["text"].split("\n")[0],
        "dateline": seed1.split("\n\n")[1][:90],
        "paragraph": corpus["seed4"]["text"].split("\n")[2],
        "article": koi8_safe(seed1),
    }


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251", "koi8-r"]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("sample", ["headline", "dateline", "paragraph", "article"])
def test_russian_text_decodes_right(russian_samples, encoding, sample):
    text = russian_samples[sample]
    data = text.encode(encoding)
    if encoding == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    decoded, _ = decode_bytes(data)
    assert decoded == text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_kazakh_text_decodes_right(corpus, encoding):
    text = corpus["seed3"]["text"]
    assert decode_bytes(text.encode(encoding))[0] == text


def test_kazakh_legacy_code_page_beats_cp1251(corpus):
    text = corpus["seed4"]["text"]  # Russian with a Kazakh name: "Отан қорғаушылар"
    decoded, encoding = decode_bytes(text.encode("kz1048"))
    assert decoded == text and encoding == "kz1048"


def test_cp1251_and_koi8_are_told_apart_on_short_lines(corpus):
    lines = [line for record in corpus.values() if record["lang"] == "ru"
             for line in record["text"].split("\n") if 40 <= len(line) <= 120]
    lines = [koi8_safe(line) for line in lines if not set(line) & set("әғқңөұүһі")][:60]
    assert len(lines) >= 30
    for encoding in ("cp1251", "koi8-r"):
        wrong = [line for line in lines if decode_bytes(line.encode(encoding))[0] != line]
        assert wrong == [], f"{encoding}: {wrong[:3]}"


def test_english_in_cp1252(corpus):
    text = corpus["dev092"]["text"]  # has ’ and –, which cp1252 stores as single bytes
    assert decode_bytes(text.encode("cp1252"))[0] == text


def test_random_high_bytes_are_rejected():
    garbage = bytes((37 * i + 11) % 128 + 128 for i in range(2000))
    with pytest.raises(ValueError):
        decode_bytes(garbage)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_reader_decodes_each_encoding(tmp_path, russian_samples, encoding):
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(russian_samples["article"].encode(encoding))
    [doc] = iter_documents([path])
    assert doc.text == russian_samples["article"]


def test_utf16_is_not_mistaken_for_binary(russian_samples):
    assert sniff_binary(russian_samples["article"].encode("utf-16")) is None
    assert sniff_binary(russian_samples["article"].encode("utf-16-le")) is None
    assert sniff_binary(b"\x00\x01\x02\x03binary\x00\x00") is not None


def test_reader_reports_unknown_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(bytes((53 * i + 7) % 128 + 128 for i in range(1000)))
    [error] = iter_documents([path])
    assert isinstance(error, EncodingUnknown)
