"""Web archives, feeds and JSON Lines read as streams: articles out, the rest skipped, bad input named.

WARC files are written here with warcio (what crawlers use), feeds are small
RSS and Atom documents; the streaming JSON Lines reader is checked to hold
one record at a time, not the file (tracemalloc: Python's own allocations).
"""
from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from milcoop.errors import EmptyInput, MalformedRecord, TooLarge
from milcoop.reading import iter_documents, read_articles
from milcoop.reading.readers import input_size
from milcoop.records import RawDocument

TALKS = ("<html><head><title>Talks in Astana</title></head><body><article><p>Министр обороны Казахстана "
         "Руслан Жаксылыков провел переговоры с министром обороны Китая Дун Цзюнем в Астане. Стороны подписали "
         "план двустороннего военного сотрудничества на 2024 год.</p></article></body></html>")
VISIT = ("Kazakhstan's Defence Minister Ruslan Zhaksylykov arrived in Moscow on an official visit on May 20. "
         "He held talks with Russian Defence Minister Andrei Belousov.")


def write_warc(path: Path, records: list[tuple], gz: bool = True) -> Path:
    """``records``: (record type, url, payload, content type, HTTP status or None)."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for kind, url, payload, ctype, status in records:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1") if status else None
            writer.write_record(writer.create_warc_record(url, kind, payload=io.BytesIO(payload.encode("utf-8")),
                                                          http_headers=http,
                                                          warc_content_type=None if status else ctype))
    return path


@pytest.mark.parametrize("gz", [True, False])
def test_a_warc_gives_its_html_and_text_articles_and_skips_the_rest(tmp_path, gz):
    path = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), [
        ("response", "https://mod.gov.kz/2024/04/25/talks", TALKS, "text/html; charset=utf-8", "200 OK"),
        ("request", "https://mod.gov.kz/2024/04/25/talks", "GET / HTTP/1.1\r\n\r\n", "application/http", None),
        ("response", "https://mod.gov.kz/logo.png", "\x89PNG", "image/png", "200 OK"),
        ("response", "https://mod.gov.kz/gone", "<html>Not found</html>", "text/html", "404 Not Found"),
        ("resource", "https://mod.gov.kz/visit.txt", VISIT, "text/plain", None),
    ], gz=gz)
    seen = []
    docs = list(iter_documents([path], on_bytes=seen.append))
    assert [type(d) for d in docs] == [RawDocument, RawDocument]
    talks, visit = docs
    assert "Жаксылыков" in talks.text and talks.title == "Talks in Astana" and talks.format == "warc"
    assert talks.url == "https://mod.gov.kz/2024/04/25/talks" and talks.source.startswith(f"{path}@")
    assert visit.text == VISIT and visit.url == "https://mod.gov.kz/visit.txt"
    assert sum(seen) == path.stat().st_size  # progress covers the whole file
    assert input_size([tmp_path]) == path.stat().st_size


def test_a_damaged_warc_is_named_and_what_came_before_is_kept(tmp_path):
    good = write_warc(tmp_path / "good.warc.gz", [
        ("response", "https://a.kz/1", TALKS, "text/html", "200 OK"),
        ("response", "https://a.kz/2", TALKS.replace("2024", "2025"), "text/html", "200 OK")])
    data = good.read_bytes()
    for lost in (40, 200, 400):  # cut inside the last record's text, near its start, in its headers
        cut = tmp_path / f"cut{lost}.warc.gz"
        cut.write_bytes(data[: len(data) - lost])
        docs = list(iter_documents([cut]))
        assert [type(d) for d in docs] == [RawDocument, MalformedRecord], lost
        assert str(cut) in str(docs[-1]) and "cut off" in str(docs[-1])
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"WARC/1.0\r\nthis is not a record\r\n\r\n")
    (error,) = list(iter_documents([junk]))
    assert isinstance(error, MalformedRecord) and "junk.warc@0" in str(error)


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Ministry news</title><language>ru-RU</language>
<item><title>Переговоры в Астане</title><link>https://mod.gov.kz/news/1</link><guid>n1</guid>
<pubDate>Thu, 25 Apr 2024 10:00:00 +0500</pubDate>
<description><![CDATA[<p>Министр обороны Казахстана Руслан Жаксылыков провел переговоры с министром обороны
Китая Дун Цзюнем.</p><p>Стороны подписали план сотрудничества.</p>]]></description></item>
<item><title>Only a title</title><link>https://mod.gov.kz/news/2</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:news</id><updated>2024-05-21T00:00:00Z</updated>
<entry><title>Visit to Moscow</title><id>urn:news:1</id><link href="https://news.kz/1"/>
<updated>2024-05-21T09:00:00Z</updated><summary>short</summary>
<content type="html">&lt;p&gt;{}&lt;/p&gt;</content></entry></feed>""".format(VISIT)


def test_rss_and_atom_entries_become_articles(tmp_path):
    (tmp_path / "mod.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "news.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "feed").write_text(RSS, encoding="utf-8")  # no extension: known by its content
    docs = list(iter_documents([tmp_path / "mod.rss", tmp_path / "news.xml", tmp_path / "feed"]))
    rss, empty, atom, sniffed, _ = docs
    assert rss.title == "Переговоры в Астане" and rss.url == "https://mod.gov.kz/news/1"
    assert rss.published == "2024-04-25" and rss.lang == "ru" and rss.external_id == "n1"
    assert rss.text.startswith("Министр обороны Казахстана") and "\n" in rss.text  # paragraphs kept
    assert isinstance(empty, EmptyInput) and empty.source.endswith("mod.rss#2")
    assert atom.text == VISIT and atom.published == "2024-05-21" and atom.url == "https://news.kz/1"
    assert sniffed.source.endswith("feed#1") and sniffed.text == rss.text
    article = next(a for a in read_articles([tmp_path / "mod.rss"]) if not isinstance(a, Exception))
    assert article.published == "2024-04-25"


def test_a_broken_feed_is_named(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>x</tit", encoding="utf-8")
    (error,) = list(iter_documents([path]))
    assert isinstance(error, MalformedRecord) and "broken.rss" in str(error) and "RSS/Atom" in str(error)


def test_json_lines_are_read_one_line_at_a_time(tmp_path):
    """A file over the whole-file limit streams through, holding one record at a time."""
    path = tmp_path / "big.jsonl"
    record = {"id": "x", "lang": "en", "text": VISIT + " " + "Lorem ipsum dolor sit amet. " * 300}
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(3000):
            fh.write(json.dumps({**record, "id": f"a{i}"}) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    count = 0
    for doc in iter_documents([path], max_bytes=size // 4):
        assert isinstance(doc, RawDocument)
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 3000 and size > 25_000_000
    assert peak < size / 10, f"peak {peak} bytes while streaming a {size}-byte file"


def test_json_lines_stream_names_bad_lines_and_goes_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"".join([
        json.dumps({"id": "a", "text": VISIT}).encode() + b"\n",
        b'{"id": "b", "text": "cut\n',
        b"\n",
        json.dumps({"id": "c", "text": "x" * 500}).encode() + b"\n",
        *[json.dumps({"id": "pad", "text": VISIT}).encode() + b"\n" for _ in range(400)],  # past the head
        '{"id": "d", "text": "Министр"}\n'.encode("cp1251"),
        json.dumps({"id": "e", "text": VISIT}, ensure_ascii=False).encode() + b"\n",
    ]))
    docs = [d for d in iter_documents([path], max_bytes=300) if getattr(d, "external_id", None) != "pad"]
    kinds = [(type(d).__name__, getattr(d, "line", None)) for d in docs]
    assert kinds == [("RawDocument", None), ("MalformedRecord", 2), ("TooLarge", 4), ("MalformedRecord", 405),
                     ("RawDocument", None)]
    assert docs[0].source == f"{path}:1" and docs[-1].source == f"{path}:406"
    assert "not valid utf-8" in str(docs[3])


def test_json_lines_in_utf16_are_still_read(tmp_path):
    path = tmp_path / "utf16.jsonl"
    path.write_bytes(("\n".join(json.dumps({"id": str(i), "text": VISIT}) for i in range(3)) + "\n")
                     .encode("utf-16"))
    docs = list(iter_documents([path]))
    assert [d.external_id for d in docs] == ["0", "1", "2"]


def test_a_gzip_that_is_not_a_warc_is_refused_as_before(tmp_path):
    path = tmp_path / "texts.gz"
    path.write_bytes(gzip.compress(b"hello"))
    (error,) = list(iter_documents([path]))
    assert error.code == "E008" and "gzip" in str(error)
    (too_big,) = list(iter_documents([write_warc(tmp_path / "w.warc", [
        ("response", "https://a.kz/1", TALKS, "text/html", "200 OK")], gz=False)], max_bytes=100))
    assert isinstance(too_big, TooLarge)
