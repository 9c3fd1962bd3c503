"""Coded errors and warnings. Library code raises these; only the CLI prints."""
from __future__ import annotations


class MilcoopError(Exception):
    """Base of every error milcoop raises on purpose."""

    code = "E000"

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


class InputError(MilcoopError):
    """An input file (or one record of it) cannot be read as an article."""

    code = "E001"


class EmptyInput(InputError):
    code = "E002"


class BinaryInput(InputError):
    code = "E003"


class EncodingUnknown(InputError):
    code = "E004"


class MalformedRecord(InputError):
    code = "E005"


class MissingField(InputError):
    code = "E006"


class TooLarge(InputError):
    code = "E007"


class UnsupportedFormat(InputError):
    code = "E008"


class StoreError(MilcoopError):
    """The database cannot be opened or migrated."""

    code = "E020"


class NotFound(MilcoopError):
    code = "E021"
