"""Validate the officials source files and compile them into ``data/officials.json``.

Run ``python -m milcoop.knowledge.build_officials`` after editing a file under
``data/officials/`` (one YAML file per country); ``--check`` validates only and
fails if the compiled file is stale. The sources are written one person a line
(see ``data/officials/README.md``), which keeps a country's history readable;
the compiled JSON is what the package loads.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml
from anyascii import anyascii

from ..errors import OfficialsDataError
from ..schema import RANKS, ROLES
from .forms import DATA
from .loader import read_tsv

SOURCES = DATA / "officials"
OUT = DATA / "officials.json"
# One holder at a time (a handover day may be shared); commanders per post.
SINGLE_HOLDER = ("head_of_state", "head_of_government", "defense_minister", "chief_of_general_staff", "commander")
LANG_FIELDS = ("ru", "kk", "en")
COVERAGE_MARK = "<!-- coverage: written by build_officials --readme -->"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_OPTION = re.compile(r"(\w+)=(.*?)(?=\s+\w+=|$)")




def date_bounds(text: str) -> tuple[date, date]:
    """The first and last day a (possibly partial) ISO date can mean: '2016-05' -> May 1..31."""
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    try:
        return _bounds(*match.groups())
    except ValueError:
        raise ValueError(f"not an ISO date (no such day): {text!r}") from None


def _bounds(year: str, month: str | None, day: str | None) -> tuple[date, date]:
    if day:
        first = date(int(year), int(month), int(day))
        return first, first
    if month:
        first = date(int(year), int(month), 1)
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    return date(int(year), 1, 1), date(int(year), 12, 31)


@dataclass
class SourceTerm:
    role: str
    country: str
    start: str | None
    end: str | None
    source: str
    checked: bool = False
    post: str | None = None
    rank: str | None = None
    ended: bool = False  # end '?': the sources do not say when (or whether) it ended; end is None
    seen: str | None = None  # a date the source shows the office held (when start or end is unknown)
    line: int = 0


@dataclass
class SourcePerson:
    id: str
    name: str
    country: str
    names: dict[str, list[str]]
    surname: str | None
    terms: list[SourceTerm] = field(default_factory=list)
    file: str = ""
    line: int = 0


def slug(name: str) -> str:
    """ASCII id part of a name: 'Recep Tayyip Erdoğan' -> 'recep-tayyip-erdogan'."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")


def _line_numbers(text: str) -> list[int]:
    """Line numbers of the '- ' entries under 'people:' (for error messages)."""
    out, inside = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("people:"):
            inside = True
        elif inside and line.lstrip().startswith("- "):
            out.append(number)
    return out


def parse_file(path: Path, countries: set[str]) -> list[SourcePerson]:
    """Read one country file; raise OfficialsDataError naming the file and line on any problem."""
    name = f"officials/{path.name}"
    text = path.read_text(encoding="utf-8")
    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise OfficialsDataError(f"not valid YAML: {exc}", source=name) from None
    country = str(doc.get("country", ""))
    if country not in countries:
        raise OfficialsDataError(f"unknown country code {country!r}", source=name)
    if path.stem != country:
        raise OfficialsDataError(f"file name must be the country code {country}.yaml", source=name)
    sources = {str(k): str(v) for k, v in (doc.get("sources") or {}).items()}
    for key, url in sources.items():
        if not url.startswith(("http://", "https://")):
            raise OfficialsDataError(f"source {key!r} is not a URL: {url!r}", source=name)
    entries = doc.get("people") or []
    lines = _line_numbers(text)
    people = []
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else None
        if not isinstance(entry, str):
            raise OfficialsDataError("each person is one string: 'Name | ru ... | role start end'",
                                     source=name, line=line)
        people.append(_parse_person(entry, country, sources, name, line or 0))
    return people


def _parse_person(entry: str, country: str, sources: dict[str, str], file: str, line: int) -> SourcePerson:
    fields = [f.strip() for f in entry.split("|")]
    latin = fields[0]
    if not latin or re.search(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", latin):
        raise OfficialsDataError(f"the first field must be the Latin name, got {latin!r}", source=file, line=line)
    person = SourcePerson(id="", name=latin, country=country, names={k: [] for k in LANG_FIELDS},
                          surname=None, file=file, line=line)
    person_id = None
    for item in fields[1:]:
        head, _, rest = item.partition(" ")
        rest = rest.strip()
        if head in LANG_FIELDS:
            person.names[head].extend(n.strip() for n in rest.split(",") if n.strip())
        elif head == "id":
            person_id = rest
        elif head == "surname":
            person.surname = rest
        elif head in ROLES:
            person.terms.append(_parse_term(head, rest, country, sources, file, line))
        else:
            raise OfficialsDataError(f"unknown field {head!r} in {latin!r} (expected ru, kk, en, id, surname "
                                     f"or a role of the schema: {', '.join(ROLES)})", source=file, line=line)
    if not person.terms:
        raise OfficialsDataError(f"{latin!r} holds no office", source=file, line=line)
    person.id = person_id or f"{country.lower()}-{slug(latin)}"
    return person


def _parse_term(role: str, rest: str, country: str, sources: dict[str, str], file: str, line: int) -> SourceTerm:
    words = rest.split()
    if len(words) < 2:
        raise OfficialsDataError(f"{role}: expected 'start end' (? for an unknown date, - for still in office)",
                                 source=file, line=line)
    start, end = words[0], words[1]
    tail = " ".join(w for w in words[2:] if w != "checked")
    options = dict(_OPTION.findall(tail))
    leftover = _OPTION.sub("", tail).strip()
    if leftover:
        raise OfficialsDataError(f"{role}: cannot read {leftover!r} (options are key=value)", source=file, line=line)
    unknown = set(options) - {"post", "rank", "src", "country", "seen"}
    if unknown:
        raise OfficialsDataError(f"{role}: unknown option {sorted(unknown)[0]!r}", source=file, line=line)
    src = options.get("src", role)
    source = sources.get(src, src)
    if not source.startswith(("http://", "https://")):
        raise OfficialsDataError(f"{role}: no source (give src=URL or a 'sources:' entry for {src!r})",
                                 source=file, line=line)
    term = SourceTerm(role=role, country=options.get("country", country), start=None if start == "?" else start,
                      end=None if end in ("-", "?") else end, ended=end == "?", source=source, checked="checked" in words[2:],
                      post=options.get("post"), rank=options.get("rank"), seen=options.get("seen"), line=line)
    for label, value in (("start", term.start), ("end", term.end), ("seen", term.seen)):
        if value is not None:
            try:
                date_bounds(value)
            except ValueError as exc:
                raise OfficialsDataError(f"{role} {label}: {exc}", source=file, line=line) from None
    if term.rank is not None and term.rank not in RANKS:
        raise OfficialsDataError(f"{role}: rank {term.rank!r} is not in the schema ({', '.join(RANKS)})",
                                 source=file, line=line)
    return term


def validate(people: list[SourcePerson], countries: set[str], today: date | None = None) -> None:
    """Check ids, countries, dates and that no single-holder office has two holders at once."""
    today = today or date.today()
    seen: dict[str, SourcePerson] = {}
    for person in people:
        if person.id in seen:
            other = seen[person.id]
            raise OfficialsDataError(f"duplicate id {person.id!r} (also {other.file}:{other.line}); give one "
                                     f"person several terms, or an explicit 'id'", source=person.file, line=person.line)
        seen[person.id] = person
        for term in person.terms:
            where = {"source": person.file, "line": term.line}
            if term.country not in countries:
                raise OfficialsDataError(f"unknown country code {term.country!r}", **where)
            if term.seen and ((term.start and date_bounds(term.seen)[1] < date_bounds(term.start)[0]) or
                              (term.end and date_bounds(term.seen)[0] > date_bounds(term.end)[1])):
                raise OfficialsDataError(f"{person.name}: {term.role} seen={term.seen} is outside its term", **where)
            if term.start and date_bounds(term.start)[0] > today:
                raise OfficialsDataError(f"{person.name}: {term.role} starts in the future ({term.start})", **where)
            if term.start and term.end and date_bounds(term.start)[0] > date_bounds(term.end)[1]:
                raise OfficialsDataError(f"{person.name}: {term.role} ends ({term.end}) before it starts "
                                         f"({term.start})", **where)
    _check_overlaps(people)


def _post_key(term: SourceTerm) -> str:
    """Which single-holder post a term fills: commanders and chiefs by post (Pakistan's Chief of Army Staff and
    Chairman Joint Chiefs are two posts), the others by role alone; 'acting' and remarks in brackets ignored."""
    if term.role not in ("commander", "chief_of_general_staff") or not term.post:
        return ""
    post = re.sub(r"\(.*?\)", "", term.post).strip().lower()
    return re.sub(r"^acting\s+", "", post)


def _check_overlaps(people: list[SourcePerson]) -> None:
    offices: dict[tuple, list[tuple[SourcePerson, SourceTerm]]] = {}
    for person in people:
        for term in person.terms:
            if term.role in SINGLE_HOLDER and term.start:
                offices.setdefault((term.country, term.role, _post_key(term)), []).append((person, term))
    for (country, role, post), held in offices.items():
        held.sort(key=lambda pt: date_bounds(pt[1].start)[0])
        for (p1, t1), (p2, t2) in zip(held, held[1:]):
            # definite overlap only: the later term surely starts a day or more before the earlier surely ends
            if t1.ended:
                continue  # an unknown end cannot be checked
            end1 = date_bounds(t1.end)[0] if t1.end else date.max
            if date_bounds(t2.start)[1] + timedelta(days=1) < end1:
                office = f"{country} {role}" + (f" ({post})" if post else "")
                raise OfficialsDataError(f"{office}: {p2.name} ({t2.start}) starts before {p1.name} "
                                         f"({t1.start}..{t1.end or 'in office'}) ends", source=p2.file, line=t2.line)


def load_sources(folder: Path = SOURCES) -> list[SourcePerson]:
    """Every person of every country file, validated."""
    countries = {row[0] for row in read_tsv("countries.tsv", 5)}
    people = [p for path in sorted(folder.glob("*.yaml")) for p in parse_file(path, countries)]
    validate(people, countries)
    return people


def compile_people(people: list[SourcePerson]) -> str:
    """The compiled JSON text: one person per line, sorted by id, for readable diffs."""
    rows = []
    for p in sorted(people, key=lambda p: p.id):
        terms = [{k: v for k, v in (("role", t.role), ("country", t.country), ("start", t.start), ("end", t.end),
                                    ("post", t.post), ("rank", t.rank), ("source", t.source),
                                    ("checked", t.checked), ("ended", t.ended or None), ("seen", t.seen))
                  if v is not None}
                 for t in sorted(p.terms, key=lambda t: (t.start or "", t.role))]
        row = {"id": p.id, "name": p.name, "country": p.country,
               "names": {k: v for k, v in p.names.items() if v}, "terms": terms}
        if p.surname:
            row["surname"] = p.surname
        rows.append(json.dumps(row, ensure_ascii=False, sort_keys=False))
    return "[\n" + ",\n".join(rows) + "\n]\n"


def coverage(people: list[SourcePerson]) -> str:
    """A Markdown table of terms per country and role, and how many were checked against a fetched text."""
    roles = [r for r in ROLES if any(t.role == r for p in people for t in p.terms)]
    short = {"head_of_state": "HoS", "head_of_government": "HoG", "defense_minister": "DM",
             "deputy_defense_minister": "DDM", "chief_of_general_staff": "CGS", "commander": "Cmdr"}
    counts: dict[str, dict[str, int]] = {}
    checked: dict[str, int] = {}
    for p in people:
        for t in p.terms:
            counts.setdefault(t.country, {}).setdefault(t.role, 0)
            counts[t.country][t.role] += 1
            checked[t.country] = checked.get(t.country, 0) + t.checked
    head = "| country | " + " | ".join(short.get(r, r) for r in roles) + " | terms | checked |"
    lines = [head, "|" + " --- |" * (len(roles) + 3)]
    for country in sorted(counts):
        row = counts[country]
        cells = [str(row.get(r, "")) for r in roles]
        lines.append(f"| {country} | " + " | ".join(cells) + f" | {sum(row.values())} | {checked[country]} |")
    total = sum(sum(r.values()) for r in counts.values())
    lines.append(f"| all {len(counts)} | " + " | ".join(str(sum(c.get(r, 0) for c in counts.values())) for r in roles)
                 + f" | {total} | {sum(checked.values())} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate; fail if officials.json is stale")
    parser.add_argument("--coverage", action="store_true", help="print terms per country and role (Markdown)")
    parser.add_argument("--readme", action="store_true", help="also rewrite the coverage table in officials/README.md")
    args = parser.parse_args(argv)
    try:
        people = load_sources()
    except OfficialsDataError as exc:
        print(exc.describe(), file=sys.stderr)
        return 1
    if args.coverage:
        print(coverage(people))
        return 0
    text = compile_people(people)
    terms = sum(len(p.terms) for p in people)
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.name} is stale: run python -m milcoop.knowledge.build_officials", file=sys.stderr)
            return 1
        print(f"ok: {len(people)} people, {terms} terms")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.name}: {len(people)} people, {terms} terms")
    if args.readme:
        readme = SOURCES / "README.md"
        head, sep, _ = readme.read_text(encoding="utf-8").partition(COVERAGE_MARK)
        readme.write_text(head + COVERAGE_MARK + "\n" + coverage(people) + "\n", encoding="utf-8")
        print(f"rewrote the coverage table of {readme.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
