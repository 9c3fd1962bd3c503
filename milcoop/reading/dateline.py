"""Who published an article, where it was filed and when.

``detect_dateline`` reads the header (first ~400 characters) for an agency
dateline ("АСТАНА. 10 июля. КАЗИНФОРМ -", "БАКУ /Trend/ -", "ASTANA --") and a
printed publication date, the opening paragraphs for an attribution ("как
передает AZE.az", "Trend reports"), and the URL for a date and, failing all
else, the outlet's web host. Outlet spellings live in ``data/outlets.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from milcoop.reading._data import load
from milcoop.reading.dates import header_date, iso, month_number, month_pattern, published_line_date, url_date

HEADER_CHARS = 400
ATTRIBUTION_CHARS = 800

_U = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_L = _U + "a-zа-яёәғқңөұүһі"
_DASH = r"(?:--|[-–—])"
_STAMP = re.compile(r"\s*date \d{4}-\d{1,2}(?:-\d{1,2})?\s*")


@dataclass(frozen=True)
class Dateline:
    """What the header says; unpacks as ``outlet, city, published``.

    ``published`` is ISO and only as precise as known; a dateline day and
    month without a year anywhere leaves it None and sets ``day_month``.
    """

    outlet: str | None = None
    city: str | None = None
    published: str | None = None
    day_month: tuple[int, int] | None = None

    def __iter__(self):
        return iter((self.outlet, self.city, self.published))


def detect_dateline(text: str, url: str | None = None, title: str | None = None) -> Dateline:
    """Outlet, dateline city and publication date of an article."""
    header = text[:HEADER_CHARS]
    city, outlet, day_month, dated = _find_dateline(header)
    outlet = outlet or find_attribution(text[:ATTRIBUTION_CHARS]) or outlet_from_url(url)
    from_url = url_date(url)
    published = dated or header_date(header) or (header_date(title) if title else None) \
        or published_line_date(text)
    if not published and day_month and from_url:
        published = iso(int(from_url[:4]), day_month[1], day_month[0])
    if published and from_url and len(from_url) > len(published) and from_url.startswith(published):
        published = from_url  # "date 2022-01" and .../2022/01/28/: the same date, more precisely
    return Dateline(outlet, city, published or from_url, day_month)


def canonical_outlet(name: str) -> str | None:
    """The outlet's name from ``data/outlets.yaml``, else the name as written."""
    name = name.strip().strip("«»\"“”„'/.,:;()[] \u00a0")
    name = re.sub(r"^(?:Корр\.|MENAFN-)\s*", "", name).strip()
    if len(name) < 2:
        return None
    aliases, alias_rx, _ = _outlets()
    if name.casefold() in aliases:
        return aliases[name.casefold()]
    inner = alias_rx.search(name)
    return aliases[inner[0].casefold()] if inner else name


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL's host belongs to (``kaz.inform.kz`` -> Kazinform)."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host:
        return None
    for known, outlet in _outlets()[2].items():
        if host == known or host.endswith("." + known):
            return outlet
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in {"com", "net", "org", "gov", "co", "edu"} else 2
    return ".".join(labels[-keep:])


def find_attribution(text: str) -> str | None:
    """The outlet an article credits itself to ("передает BaigeNews.kz")."""
    hits = []
    for pattern in _attribution_patterns():
        match = pattern.search(text)
        if match:
            hits.append((match.start(), match["name"]))
    return canonical_outlet(min(hits)[1]) if hits else None


def _find_dateline(header: str) -> tuple[str | None, str | None, tuple[int, int] | None, str | None]:
    """``(city, outlet, (day, month), full date)`` from the first dateline line."""
    for line_start in [0] + [m.end() for m in re.finditer(r"\n", header)]:
        rest = header[line_start:]
        stamp = _STAMP.match(rest)
        rest = rest[stamp.end():] if stamp else rest.lstrip(" \t•")
        for pattern in _dateline_patterns():
            match = pattern.match(rest)
            if match:
                return _read_dateline(match)
    return None, None, None, None


def _read_dateline(match: re.Match[str]) -> tuple[str, str | None, tuple[int, int] | None, str | None]:
    groups = match.groupdict()
    city = groups["city"]
    if city.isupper():
        city = "-".join(part.capitalize() for part in city.split("-"))
    outlet = groups.get("alias") or groups.get("outlet")
    outlet = canonical_outlet(outlet) if outlet else None
    day_month = _day_month(groups.get("dm"))
    dated = None
    if day_month and groups.get("year"):
        dated = iso(int(groups["year"]), day_month[1], day_month[0])
    return city, outlet, day_month, dated


def _day_month(text: str | None) -> tuple[int, int] | None:
    """``(day, month)`` from "10 июля", "October 2" or "Қаңтардың 26-сы"."""
    day, word = re.search(r"\d{1,2}", text or ""), re.search(r"[^\W\d_]+", text or "")
    month = month_number(word[0]) if day and word else None
    last_day = 29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    return (int(day[0]), month) if month and 1 <= int(day[0]) <= last_day else None


@lru_cache(maxsize=None)
def _outlets() -> tuple[dict[str, str], re.Pattern[str], dict[str, str]]:
    data = load("outlets")
    aliases = {canonical.casefold(): canonical for canonical in data["aliases"]}
    for canonical, names in data["aliases"].items():
        aliases.update({str(name).casefold(): canonical for name in names})
    alternation = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    hosts = {host: outlet for outlet, names in data["hosts"].items() for host in names}
    return aliases, re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), hosts


def outlet_mentions(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a known outlet ("told Kazinform"): never a person's name."""
    return [(m.start(), m.end()) for m in _outlets()[1].finditer(text)]


def _alias_group(name: str = "alias") -> str:
    return rf"(?P<{name}>{_outlets()[1].pattern})"


@lru_cache(maxsize=None)
def _dateline_patterns() -> list[re.Pattern[str]]:
    city = rf"(?P<city>[{_U}][{_L}'’]+(?:-[{_U}][{_L}'’]+){{0,2}})"
    caps_city = rf"(?P<city>[{_U}][{_U}'’]+(?:-[{_U}][{_U}'’]+){{0,2}})"
    month = f"(?i:{month_pattern()})"
    dm = rf"(?P<dm>\d{{1,2}}\s+{month}|{month}\s*\d{{1,2}}(?:-\w+)?)"
    name = rf"[{_U}][\w.’'-]*(?:\s+[{_U}][\w.’'-]*){{0,2}}"
    alias = f"(?i:{_alias_group()})"
    slash_outlet = r"/\s*(?:Корр\.\s*)?(?P<outlet>[^/\n]{2,30})/"
    country = rf"(?:[{_U}][{_L}]+(?:\s[{_U}][{_L}]+)?,?\s*)?"
    return [re.compile(rx) for rx in (
        # АСТАНА. 10 июля. КАЗИНФОРМ -   /   ASTANA. KAZINFORM
        rf"{city}\s*\.\s*(?:{dm}\s*\.\s*)?(?:{alias}|(?P<outlet>{name})\s*{_DASH})",
        # АСТАНА, 10 июля — Sputnik
        rf"{city},\s*{dm}\s*{_DASH}\s*(?:{alias}|(?P<outlet>{name}))",
        # БАКУ /Trend/ -   /   АЛМА-АТА, 31 октября. /ТАСС/.
        rf"{city}(?:,\s*{dm})?\s*\.?\s*{slash_outlet}",
        # 29 ноября, Минск /Корр. БЕЛТА/
        rf"{dm},\s*{city}\s*{slash_outlet}",
        # Бишкек, "САЯСАТ.KG".
        rf"{city},\s*[\"«“](?P<outlet>[^\"»”\n]{{2,40}})[\"»”]",
        # BAKU, Azerbaijan, October 2 (MENAFN- Trend News Agency).  /  Tashkent, Uzbekistan (UzDaily.uz) --
        rf"{city},\s*{country}(?:{dm}(?:,\s*(?P<year>\d{{4}}))?\s*)?"
        rf"(?:\((?P<outlet>[^)\n]{{2,40}})\)\s*)?(?:{_DASH}|:|\.(?=\s))",
        # BISHKEK -- The...   /   RAWALPINDI: On... (a colon only before prose)
        rf"{caps_city}\s*(?:{_DASH}\s+(?=[{_U}«\"])|:\s+(?=[^\n]{{80}}))",
        # New Delhi | Press Trust of India   (a byline of a known outlet)
        rf"(?P<city>[{_U}][{_L}'’]+(?:[ -][{_U}][{_L}'’]+){{0,2}})\s*\|\s*{alias}[ \t]*(?:\n|$)",
    )]


@lru_cache(maxsize=None)
def _attribution_patterns() -> list[re.Pattern[str]]:
    quoted = r"«(?P<q1>[^»\n]{2,40})»|\"(?P<q2>[^\"\n]{2,40})\"|“(?P<q3>[^”\n]{2,40})”"
    domain = (r"(?<![\w.@/])[\w][\w-]*(?:\.[\w-]+)*\."
              r"(?i:kz|ru|kg|uz|az|by|tj|tm|com|net|org|info|asia|media|news|tv|am|ge|tr|ua)(?![\w.])")
    known = rf"(?:{_outlets()[1].pattern}|{domain})"
    lead = r"(?i:сообща\w+|переда[её]т|передают|пишет|информирует|сообщил[аио]?)\s+"
    designator = (r"(?:агентство|ИА|МИА|издание|портал|сайт|телеканал|газета|"
                  r"корреспондент(?:\s+агентства)?)\s+")
    capitalised = rf"[{_U}][\w.-]*(?:\s+[{_U}][\w.-]*){{0,2}}"
    return [re.compile(rx) for rx in (
        rf"{lead}{designator}(?P<name>{quoted}|{known}|{capitalised})",
        rf"{lead}(?P<name>{quoted}|{known})",
        rf"(?P<name>{known})\s+(?:reports|reported|said|learned|тілшісі\w*|сайты\w*|порталы\w*)",
        rf"(?:reported by|quoted by|cited by|according to)\s+(?P<name>{known})",
        rf"деп\s+(?:хабарлайды|хабарлады|жазады|жазды)\s+(?P<name>{quoted}|{known})",
        rf"(?P<name>{quoted}|{known})(?:\s+[\w-]+){{0,3}}?\s+(?:хабарла\w*|жазады|жеткізді)",
    )]
