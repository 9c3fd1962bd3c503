"""Time the officials table: loading it, and matching names in inflected Russian and Kazakh forms.

Run: ``python scripts/officials_benchmark.py``. Loading happens once per process (``_table`` is cached); the
first Cyrillic match also loads the Kazakh suffix and transliteration tables. Prints wall-clock figures only.
"""
from __future__ import annotations

import random
import sys
import time


def main() -> int:
    t0 = time.perf_counter()
    from milcoop.knowledge import officials
    t1 = time.perf_counter()
    people = officials.people()
    t2 = time.perf_counter()
    officials.match("Жақсылықовпен", on="2023-01-01")
    t3 = time.perf_counter()
    rng = random.Random(7)
    queries = []
    for p in rng.sample(people, 300):
        for lang, endings in (("ru", ("а", "ым", "у")), ("kk", ("пен", "тың", "қа"))):
            names = p.names_by_lang.get(lang) or ()
            if names:
                queries.append(names[0] + rng.choice(endings))
        queries.append(p.name)
    t4 = time.perf_counter()
    found = sum(1 for q in queries if officials.match(q))
    t5 = time.perf_counter()
    print(f"import {1000 * (t1 - t0):.0f} ms; load {len(people)} people {1000 * (t2 - t1):.0f} ms; "
          f"first Cyrillic match {1000 * (t3 - t2):.0f} ms")
    print(f"{len(queries)} matches in {1000 * (t5 - t4):.0f} ms "
          f"({1000 * (t5 - t4) / len(queries):.2f} ms each); {found} returned a candidate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
