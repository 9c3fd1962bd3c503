"""The tests find shared/ through one helper (``tests/conftest.py``) and hold no absolute paths,
so they run from any checkout (CI clones elsewhere; ``$MILCOOP_SHARED`` may point anywhere)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# A filesystem path in a literal: Path("/..."), open("/..."), or a string under a usual root.
# System programs the rules name (Debian's /usr/bin/chromium) are the one exception.
ABSOLUTE = re.compile(r"""(?:Path|open)\(\s*[rbf]?["']/(?!usr/bin/)|["']/(?:work|home|tmp|root|opt|srv|mnt|var)/""")
OWN_LOOKUP = re.compile(r"""shared_dir\(|["']shared["']|MILCOOP_SHARED""")
FILES = sorted(p for p in TESTS.rglob("*.py") if p != Path(__file__).resolve())


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(TESTS)))
def test_no_absolute_paths(path):
    hits = [f"{n}: {line.strip()}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if ABSOLUTE.search(line)]
    assert hits == []


@pytest.mark.parametrize("path", [p for p in FILES if p != TESTS / "conftest.py"],
                         ids=lambda p: str(p.relative_to(TESTS)))
def test_shared_is_found_only_by_the_conftest_fixtures(path):
    hits = [f"{n}: {line.strip()}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if OWN_LOOKUP.search(line)]
    assert hits == []


def test_the_patterns_catch_what_they_are_for():
    assert ABSOLUTE.search('SEEDS = Path("/work/shared/corpus/seeds")')
    assert ABSOLUTE.search("x = '/tmp/milcoop.db'")
    assert not ABSOLUTE.search('CHROMIUM = Path("/usr/bin/chromium")')
    assert not ABSOLUTE.search('client.get("/api/events")')
    assert OWN_LOOKUP.search('CORPUS = Path(__file__).parents[3] / "shared" / "corpus"')
