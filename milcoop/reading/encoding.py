"""Bytes -> text: spot binary content and decode text in an unknown encoding.

Order of trust: a byte-order mark, then BOM-less UTF-16 (Latin/Cyrillic),
then strict UTF-8, then the Cyrillic single-byte code pages (cp1251, koi8-r,
...) scored by how Russian/Kazakh the decoded letters look (charset-normalizer
confuses them on short text), then cp1252 for Latin text with a few accents,
then charset-normalizer's guess.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of binary formats (ones a text could start with are left to the
# NUL/control-byte test).
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Cyrillic single-byte code pages tried by scoring, with a prior for how common
# each is (the order also breaks ties).
_CYRILLIC_CODECS = (
    ("cp1251", 1.0), ("koi8_r", 0.97), ("kz1048", 0.95),
    ("cp866", 0.85), ("iso8859_5", 0.85),
)
# charset-normalizer guesses that the scoring above has already ruled out.
_CYRILLIC_GUESSES = {"cp1251", "koi8_r", "koi8_u", "kz1048", "ptcp154", "mac_cyrillic",
                     "cp866", "cp855", "cp1125", "iso8859_5"}

_RU_LETTERS = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_KK_LETTERS = set("әғқңөұүһі")
_ALPHABET = _RU_LETTERS | _KK_LETTERS
# The 100 most frequent Russian letter bigrams (news text, ~70% of all pairs).
_BIGRAMS = set(
    "ст ро ни ен ан но та ор ов на во ре ны го об ко то ра тр он ер ка ес тв за"
    " пр ос по од нн от аз ми ом со ва че ис ли ск ти бо ла ин ру ве ки те ме ог"
    " ел ал ое не ит ой де ах ет бе ар ия ас ак ед ил ри ви ич ле ль дн ии ие хс"
    " уд ег им ол ат ик ав да мо ей сс до пе ци ам ек ус си вы сп ди сл ть ьн ых".split()
)
_PUNCT_OK = set("«»—–…№“”„‘’•·°±€©®™\xa0\u2009\u202f")
_IN_WORD_OK = set("’‘\xa0\u2009\u202f")
_WORD = re.compile(r"[^\W\d_]+")
_MIN_CYRILLIC_SCORE = 0.25
_SAMPLE = 65_536  # characters scored per candidate decoding


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of binary content (``"PNG image"``), or None for text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head):
        return None
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\v\x1b")
    if head and controls / len(head) > 0.05:
        return "binary data (control bytes)"
    return None


def wide_encoding(head: bytes) -> str | None:
    """The UTF-16/32 encoding a text starting with ``head`` is in (by its BOM, or the look of UTF-16), else None.

    Such text cannot be split into lines as bytes, so streaming readers read it whole.
    """
    for bom, enc in _BOMS:
        if head.startswith(bom) and enc != "utf-8-sig":
            return enc
    return _utf16_without_bom(head[:8192])


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes; return ``(text, encoding)``.

    Raises ``ValueError`` when no encoding gives plausible text.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = _best_cyrillic(data) or _plain_latin(data)
    if best:
        return best
    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and guess.chaos <= 0.1 and guess.encoding not in _CYRILLIC_GUESSES:
        text = str(guess)
        if _readable(text[:_SAMPLE]):
            return text, guess.encoding
    raise ValueError("no encoding gives readable text")


def cyrillic_score(text: str) -> float:
    """How much the non-ASCII part of ``text`` looks like Russian/Kazakh (0..1)."""
    nonascii = [c for c in text if ord(c) > 127]
    if not nonascii:
        return 0.0
    junk = sum(1 for c in nonascii if c.lower() not in _ALPHABET and c not in _PUNCT_OK)
    junk += sum(1 for a, c, b in zip(text, text[1:], text[2:])
                if c in _PUNCT_OK and c not in _IN_WORD_OK and a.isalpha() and b.isalpha())
    score = (1 - min(1.0, junk / len(nonascii))) ** 2 * 0.9 ** min(junk, 5)
    words = [w for w in _WORD.findall(text) if any(ord(c) > 127 for c in w)]
    if not words:  # only punctuation outside ASCII: nothing to tell codecs apart
        return score * 0.65
    odd = sum(1 for w in words if _odd_case(w)) * 0.5 + sum(map(_mixed_script, words))
    letters = [c for w in words for c in w if ord(c) > 127]
    upper = sum(1 for c in letters if c.isupper()) / len(letters)
    pairs = [w.lower()[i:i + 2] for w in words for i in range(len(w) - 1)]
    common = sum(1 for p in pairs if p in _BIGRAMS) / len(pairs) if pairs else 0.0
    impossible = sum(1 for p in pairs if p[1] in "ъьы" and p[0] in "аеёиоуыэюяйъь")
    impossible += sum(1 for w in words if w[0].lower() in "ъьы")
    common -= 2 * impossible / max(1, len(pairs))
    score *= max(0.0, 1 - odd / len(words)) * (1 - 0.5 * max(0.0, upper - 0.4) / 0.6)
    return score * max(0.0, 0.3 + common)


def _best_cyrillic(data: bytes) -> tuple[str, str] | None:
    """The best-scoring Cyrillic code page (scored on the first _SAMPLE bytes)."""
    scored = []
    for order, (enc, prior) in enumerate(_CYRILLIC_CODECS):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        scored.append((prior * cyrillic_score(text[:_SAMPLE]), -order, text, enc))
    if not scored:
        return None
    score, _, text, enc = max(scored)
    return (text, enc) if score >= _MIN_CYRILLIC_SCORE else None


def _plain_latin(data: bytes) -> tuple[str, str] | None:
    """cp1252 when its few non-ASCII letters sit inside Latin words (English, Turkish...)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:_SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    accented = [c for c in letters if ord(c) > 127]
    words = [w for w in _WORD.findall(sample) if any(ord(c) > 127 for c in w)]
    if not letters or len(accented) > 0.15 * len(letters) or any(map(_mixed_script, words)):
        return None
    return text, "cp1252"


def _odd_case(word: str) -> bool:
    """An upper-case letter after a lower-case one inside a word ("сОВМЕСТНАЯ")."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def _mixed_script(word: str) -> bool:
    scripts = {unicodedata.name(c, "X").split()[0] for c in word if c.isalpha()}
    return len(scripts & {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "HEBREW", "ARABIC"}) > 1


def _utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` for BOM-less UTF-16 text in Latin/Cyrillic.

    One byte of each pair (the high byte) then takes only a few values
    (0x00 for ASCII, 0x04 for Cyrillic), and the text decodes to those scripts.
    """
    head = head[: len(head) // 2 * 2]
    if len(head) < 8:
        return None
    for encoding, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        top2 = sum(n for _, n in Counter(high).most_common(2))
        if top2 < 0.9 * len(high) or not set(high) & {0, 4}:
            continue
        text = head.decode(encoding, errors="replace")
        ok = sum(1 for c in text if ord(c) < 0x590 or 0x2000 <= ord(c) < 0x2070)
        if ok >= 0.95 * len(text):
            return encoding
    return None


def _readable(text: str) -> bool:
    """Letters mostly Latin or Cyrillic, few stray symbols outside ASCII."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    ours = sum(1 for c in letters if ord(c) < 0x530)
    nonascii = [c for c in text if ord(c) > 127]
    symbols = sum(1 for c in nonascii if not c.isalnum() and c not in _PUNCT_OK)
    return ours >= 0.9 * len(letters) and symbols <= 0.2 * max(1, len(nonascii))
