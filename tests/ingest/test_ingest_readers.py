"""iter_documents: every input format, and bad input as yielded errors."""
from __future__ import annotations

import csv
import io
import json
import socket
import time
import zipfile
from pathlib import Path

import pytest

from milcoop.errors import (BinaryInput, EmptyInput, EncodingUnknown, InputError,
                            MalformedRecord, MissingField, TooLarge, UnsupportedFormat)
from milcoop.reading import iter_documents, readers
from milcoop.records import RawDocument


def docs(*paths, **kwargs) -> list:
    return list(iter_documents(list(paths), **kwargs))


def jsonl_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


# --- plain text and folders -------------------------------------------------

def test_txt_file_is_one_document(tmp_path, seed_001):
    path = tmp_path / "001.txt"
    path.write_text(seed_001, encoding="utf-8")
    [doc] = docs(path)
    assert isinstance(doc, RawDocument)
    assert doc.text == seed_001 and doc.source == str(path) and doc.format == "txt"


@pytest.mark.parametrize("name", ["article", "article.log", "article.2011"])
def test_unknown_or_missing_extension_text_is_plain_text(tmp_path, seed_001, name):
    path = tmp_path / name
    path.write_text(seed_001, encoding="utf-8")
    [doc] = docs(path)
    assert isinstance(doc, RawDocument) and doc.text == seed_001 and doc.format == "txt"


def test_a_single_path_string_is_accepted(tmp_path, seed_001):
    path = tmp_path / "a.txt"
    path.write_text(seed_001, encoding="utf-8")
    assert [d.text for d in iter_documents(str(path))] == [seed_001]


def test_folder_is_read_recursively_sorted_without_hidden_files(tmp_path, corpus):
    texts = {name: corpus[cid]["text"] for name, cid in
             [("b.txt", "seed0"), ("a.txt", "seed4"), ("sub/c.txt", "dev025")]}
    for name, text in texts.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(corpus["seed1"]["text"], encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(corpus["seed2"]["text"], encoding="utf-8")
    found = docs(tmp_path)
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in found] == ["a.txt", "b.txt", "sub/c.txt"]
    assert [d.text for d in found] == [texts["a.txt"], texts["b.txt"], texts["sub/c.txt"]]


# --- JSON Lines and JSON ----------------------------------------------------

@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_jsonl_records_carry_their_fields_and_line(tmp_path, corpus, suffix):
    ids = ["dev035", "dev039", "seed3"]
    path = tmp_path / f"articles{suffix}"
    path.write_text("".join(jsonl_line(corpus[i]) for i in ids), encoding="utf-8")
    found = docs(path)
    assert [d.external_id for d in found] == ids
    assert [d.source for d in found] == [f"{path}:{n}" for n in (1, 2, 3)]
    assert found[0].url == corpus["dev035"]["url"] and found[2].lang == "kk"
    assert found[1].text == corpus["dev039"]["text"] and found[0].format == "jsonl"


def test_jsonl_published_and_numeric_id(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(jsonl_line({"id": 7, "text": "Министры обороны встретились.", "published": "2012-07-10"}),
                    encoding="utf-8")
    [doc] = docs(path)
    assert doc.external_id == "7" and doc.published == "2012-07-10"


def test_truncated_jsonl_line_in_the_middle_keeps_the_others(tmp_path, corpus):
    good = [jsonl_line(corpus["seed0"]), jsonl_line(corpus["dev002"])]
    broken = jsonl_line(corpus["dev025"])[:300] + "\n"
    path = tmp_path / "batch.jsonl"
    path.write_text(good[0] + broken + good[1], encoding="utf-8")
    first, error, last = docs(path)
    assert first.external_id == "seed0" and last.external_id == "dev002"
    assert isinstance(error, MalformedRecord) and error.line == 2
    assert f"{path}:2" in str(error) and "\n" not in str(error)


def test_jsonl_record_without_text_is_missing_field(tmp_path, corpus):
    record = {k: v for k, v in corpus["dev039"].items() if k != "text"}
    path = tmp_path / "a.jsonl"
    path.write_text(jsonl_line(corpus["seed0"]) + jsonl_line(record), encoding="utf-8")
    ok, error = docs(path)
    assert isinstance(ok, RawDocument)
    assert isinstance(error, MissingField) and error.line == 2 and "'text'" in str(error)


@pytest.mark.parametrize("record, kind", [
    ([1, 2], MalformedRecord), ({"id": "x", "text": 5}, MalformedRecord), ({"id": "x", "text": "  "}, EmptyInput),
])
def test_jsonl_bad_records(tmp_path, record, kind):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [error] = docs(path)
    assert type(error) is kind and error.line == 1


def test_jsonl_without_extension_is_sniffed(tmp_path, corpus):
    path = tmp_path / "dump"
    path.write_text(jsonl_line(corpus["seed0"]) + jsonl_line(corpus["seed4"]), encoding="utf-8")
    assert [d.external_id for d in docs(path)] == ["seed0", "seed4"]


def test_json_array(tmp_path, corpus):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([corpus["seed0"], corpus["dev022"]], ensure_ascii=False), encoding="utf-8")
    found = docs(path)
    assert [d.external_id for d in found] == ["seed0", "dev022"]
    assert [d.source for d in found] == [f"{path}#1", f"{path}#2"]


# --- CSV and TSV ------------------------------------------------------------

def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter=",", encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def test_csv_with_text_column_and_metadata(tmp_path, corpus):
    a, b = corpus["dev035"], corpus["seed1"]
    path = tmp_path / "a.csv"
    write_csv(path, ["id", "url", "Title", "lang", "date", "text"],
              [[a["id"], a["url"], "Ермекбаев в Ливане", "ru", "2019-05-13", a["text"]],
               [b["id"], "", "", "ru", "", b["text"]]])
    first, second = docs(path)
    assert first.text == a["text"] and second.text == b["text"]
    assert (first.external_id, first.url, first.title, first.published) == (
        "dev035", a["url"], "Ермекбаев в Ливане", "2019-05-13")
    assert second.url is None and first.format == "csv"
    # multi-line quoted text: the second record starts after all of the first one's lines
    assert first.source == f"{path}:2"
    assert second.source == f"{path}:{2 + a['text'].count(chr(10)) + 1}"


@pytest.mark.parametrize("column", ["body", "content", "article", "Текст"])
def test_csv_text_column_is_auto_detected(tmp_path, corpus, column):
    path = tmp_path / "a.csv"
    write_csv(path, ["id", column], [["seed4", corpus["seed4"]["text"]]])
    [doc] = docs(path)
    assert doc.text == corpus["seed4"]["text"]


def test_csv_explicit_text_column(tmp_path, corpus):
    path = tmp_path / "a.csv"
    write_csv(path, ["id", "text", "full_text"], [["1", "анонс", corpus["seed0"]["text"]]])
    [doc] = docs(path, text_column="full_text")
    assert doc.text == corpus["seed0"]["text"]


def test_csv_without_text_column_names_file_and_columns(tmp_path, corpus):
    path = tmp_path / "a.csv"
    write_csv(path, ["id", "headline", "summary"], [["1", "x", corpus["seed0"]["text"][:100]]])
    [error] = docs(path)
    assert isinstance(error, MissingField)
    message = str(error)
    assert str(path) in message and "id, headline, summary" in message and "\n" not in message


def test_csv_named_text_column_missing(tmp_path, corpus):
    path = tmp_path / "a.csv"
    write_csv(path, ["id", "text"], [["1", corpus["seed0"]["text"]]])
    [error] = docs(path, text_column="body_ru")
    assert isinstance(error, MissingField) and "body_ru" in str(error)


def test_tsv_and_semicolon_csv_and_cp1251_csv(tmp_path, corpus):
    text = corpus["seed0"]["text"]
    tsv, semi, legacy = tmp_path / "a.tsv", tmp_path / "b.csv", tmp_path / "c.csv"
    write_csv(tsv, ["id", "text"], [["1", text]], delimiter="\t")
    write_csv(semi, ["id", "text", "lang"], [["2", text, "ru"]], delimiter=";")
    write_csv(legacy, ["id", "текст"], [["3", text]], encoding="cp1251")
    found = docs(tsv, semi, legacy)
    assert [d.text for d in found] == [text] * 3
    assert [d.format for d in found] == ["tsv", "csv", "csv"] and found[1].lang == "ru"


def test_csv_row_with_too_many_fields_is_malformed(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,text\n1,Министры встретились.\n2,Второй,лишнее\n3,Третий текст.\n", encoding="utf-8")
    first, error, third = docs(path)
    assert isinstance(error, MalformedRecord) and error.line == 3
    assert first.text == "Министры встретились." and third.source == f"{path}:4"


# --- HTML -------------------------------------------------------------------

def html_page(article: dict) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in article["text"].split("\n") if p.strip())
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>{article['id']} | News site</title>
<meta property="og:title" content="Совместная работа послужит расширению сотрудничества">
<meta property="article:published_time" content="2012-07-10T10:00:00+06:00">
<link rel="canonical" href="https://www.inform.kz/ru/article-{article['id']}">
</head><body><nav><a href="/">Главная</a> <a href="/news">Лента новостей</a></nav>
<article><h1>Совместная работа послужит расширению сотрудничества</h1>{paragraphs}</article>
<footer>© 2012 News site. Все права защищены.</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path, corpus, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the reader tried to open a network connection")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    path = tmp_path / "page.html"
    path.write_text(html_page(corpus["seed1"]), encoding="utf-8")
    [doc] = docs(path)
    assert isinstance(doc, RawDocument) and doc.format == "html"
    assert "Главной целью встречи стало обсуждение перспектив" in doc.text
    assert "Все права защищены" not in doc.text and "Главная" not in doc.text
    assert doc.title == "Совместная работа послужит расширению сотрудничества"
    assert doc.published == "2012-07-10"
    assert doc.url == "https://www.inform.kz/ru/article-seed1"


def test_html_falls_back_to_plain_extraction(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(readers.extract_html.__globals__["trafilatura"], "extract", lambda *a, **k: None)
    path = tmp_path / "page.htm"
    path.write_text(html_page(corpus["seed0"]), encoding="utf-8")
    [doc] = docs(path)
    assert "Как передает AZE.az со ссылкой на казахстанские СМИ" in doc.text
    assert "<p>" not in doc.text and "charset" not in doc.text
    assert doc.title == "seed0 | News site"


def test_html_in_cp1251_is_decoded(tmp_path, corpus):
    path = tmp_path / "page.html"
    path.write_bytes(html_page(corpus["seed0"]).replace("utf-8", "windows-1251").encode("cp1251"))
    [doc] = docs(path)
    assert "генерал-полковником Сафаром Абиевым" in doc.text


def test_html_without_text_is_empty_input(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body>  </body></html>", encoding="utf-8")
    [error] = docs(path)
    assert isinstance(error, EmptyInput) and str(path) in str(error)


# --- bad input --------------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    [error] = docs(path)
    assert isinstance(error, EmptyInput) and str(path) in str(error)


def zip_bytes(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", text)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))


@pytest.mark.parametrize("name, payload, kind", [
    ("notes.txt", "Министры\x00обороны\x00".encode() * 50, BinaryInput),
    ("article.txt", "zip", BinaryInput),
    ("article", PNG, BinaryInput),
    ("photo.png", PNG, UnsupportedFormat),
    ("archive.zip", "zip", UnsupportedFormat),
    ("data.bin", bytes(range(256)) * 4, UnsupportedFormat),
])
def test_binary_files(tmp_path, seed_001, name, payload, kind):
    path = tmp_path / name
    path.write_bytes(zip_bytes(seed_001) if payload == "zip" else payload)
    [error] = docs(path)
    assert type(error) is kind and str(path) in str(error) and "\n" not in str(error)


def test_undecodable_bytes_are_encoding_unknown(tmp_path):
    garbage = bytes((37 * i + 11) % 128 + 128 for i in range(3000))
    path = tmp_path / "mystery.txt"
    path.write_bytes(garbage)
    [error] = docs(path)
    assert isinstance(error, EncodingUnknown) and str(path) in str(error)


def test_fifty_megabyte_file_is_too_large_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(50_000_000)

    def refuse(*args, **kwargs):
        raise AssertionError("the reader opened a file over the limit")
    monkeypatch.setattr(readers, "open", refuse, raising=False)
    started = time.perf_counter()
    [error] = docs(path)
    assert time.perf_counter() - started < 1.0
    assert isinstance(error, TooLarge) and "50000000" in str(error) and str(path) in str(error)


def test_max_bytes_is_configurable(tmp_path, seed_001):
    path = tmp_path / "a.txt"
    path.write_text(seed_001, encoding="utf-8")
    assert isinstance(docs(path, max_bytes=1000)[0], TooLarge)
    assert isinstance(docs(path, max_bytes=100_000)[0], RawDocument)


def test_missing_path_is_reported(tmp_path):
    [error] = docs(tmp_path / "nowhere.txt")
    assert isinstance(error, InputError) and "nowhere.txt" in str(error)


def test_batch_goes_on_past_bad_files(tmp_path, corpus):
    (tmp_path / "1.txt").write_text(corpus["seed0"]["text"], encoding="utf-8")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.png").write_bytes(PNG)
    (tmp_path / "4.csv").write_text("id,summary\n1,x\n", encoding="utf-8")
    (tmp_path / "5.txt").write_text(corpus["seed4"]["text"], encoding="utf-8")
    kinds = [type(item) for item in docs(tmp_path)]
    assert kinds == [RawDocument, EmptyInput, UnsupportedFormat, MissingField, RawDocument]


def test_every_error_message_is_one_line_naming_the_file(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": 1, "text": "ok"}\n{"id": 2, "te\n', encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    errors = [item for item in docs(tmp_path) if isinstance(item, InputError)]
    assert len(errors) == 3
    for error in errors:
        message = str(error)
        assert "\n" not in message and str(tmp_path) in message and message.startswith(error.code)
    assert f"a.jsonl:2" in str(errors[0])


def test_csv_reader_uses_header_line_for_delimiter():
    assert readers._delimiter("id;title;text") == ";"
    assert readers._delimiter("id,title,text") == ","
    assert readers._delimiter("id\ttext") == "\t"


def test_reader_keeps_the_first_record_after_a_bad_header(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("\n\nid,text\n1,Встреча министров обороны прошла в Астане.\n", encoding="utf-8")
    [doc] = docs(path)
    assert doc.text == "Встреча министров обороны прошла в Астане." and doc.source == f"{path}:4"


def test_seed_file_through_reader_round_trips(seed_001_path, seed_001):
    [doc] = docs(seed_001_path)
    assert doc.text == seed_001
