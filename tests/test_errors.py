"""The catalogue of error and warning codes: one code, one meaning, documented in the README."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import milcoop.api  # noqa: F401 - imports every module that defines or raises coded errors
import milcoop.cli  # noqa: F401
from milcoop.errors import MilcoopError, MilcoopWarning, catalogue, catalogue_markdown, meaning

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
CODE = re.compile(r"[EW]\d{3}")


def test_codes_are_unique():
    codes = Counter(c.code for c in catalogue())
    assert [code for code, n in codes.items() if n > 1] == []


def test_every_code_has_a_meaning_and_an_action():
    for cls in catalogue():
        assert CODE.fullmatch(cls.code), cls
        assert cls.code.startswith("W") == issubclass(cls, MilcoopWarning), cls
        assert meaning(cls) and cls.action, cls


def test_no_coded_error_is_defined_outside_the_catalogue():
    """A MilcoopError subclass anywhere in milcoop is in the catalogue with a code of its own."""
    def every(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from every(sub)

    defined = list(every(MilcoopError)) + list(every(MilcoopWarning))
    assert {c.__module__ for c in defined} == {"milcoop.errors"}
    assert set(defined) <= set(catalogue())


def test_no_code_is_written_by_hand_elsewhere():
    """Codes appear in messages only through the classes (``E030`` once meant two things)."""
    package = Path(milcoop.api.__file__).parent
    hits = [f"{p.relative_to(package)}:{n}" for p in package.rglob("*.py") if p.name != "errors.py"
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"[\"'][EW]\d{3}\b", line)]
    assert hits == []


def test_the_readme_table_is_the_catalogue():
    assert catalogue_markdown() in README, "paste milcoop.errors.catalogue_markdown() into the README"
