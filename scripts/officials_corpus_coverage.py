"""How many officials of the shared corpora's gold annotations the officials table knows.

For every distinct (name, country, role) in ``corpus/<split>/gold.jsonl`` whose role is an office the table
records, ``officials.match`` is asked with the event's date, country and role; a hit is a first candidate
of that country who held that role at some time. Run: ``python scripts/officials_corpus_coverage.py``
(reads ``../shared`` or ``$MILCOOP_SHARED``). Misses are listed with ``-v``.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from milcoop.knowledge import officials

ROLES = {"head_of_state", "head_of_government", "defense_minister", "deputy_defense_minister",
         "chief_of_general_staff", "commander"}


def gold_officials(split_dir: Path) -> list[tuple[str, str | None, str, str | None]]:
    seen, out = set(), []
    for line in (split_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        for event in json.loads(line).get("events", []):
            date = event.get("date") if event.get("date") and len(event["date"]) == 10 else None
            for p in event.get("participants", []):
                key = (p.get("name"), p.get("country"), p.get("role"))
                if p.get("role") in ROLES and p.get("name") and key not in seen:
                    seen.add(key)
                    out.append((p["name"], p.get("country"), p["role"], date))
    return out


def main() -> int:
    shared = Path(os.environ.get("MILCOOP_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
    verbose = "-v" in sys.argv
    for split in ("seeds", "train", "clusters", "dev"):
        rows = gold_officials(shared / "corpus" / split)
        hits = 0
        for name, country, role, date in rows:
            found = officials.match(name, on=date, country=country, role=role)
            ok = bool(found) and found[0].person.country == country and \
                any(t.role == role for t in found[0].person.terms)
            hits += ok
            if verbose and not ok:
                print(f"  miss {split}: {name} ({country}, {role}, {date})")
        print(f"{split:9s} {hits:3d}/{len(rows):3d} gold officials found with their country and role")
    return 0


if __name__ == "__main__":
    sys.exit(main())
