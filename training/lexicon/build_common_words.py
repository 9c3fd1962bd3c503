"""Build milcoop/lang/en/common_words.txt: frequent English words that are not common names.

    pip install wordfreq names      # in a scratch venv; neither is a milcoop dependency
    python training/lexicon/build_common_words.py

A capitalised run made of such words ("Policy Dialogue", "Takes Part", "Special Strategic")
is rarely a person; the participants decision reads the share of a candidate's words found
here as a feature. Sources: word frequencies from wordfreq (data CC BY-SA 4.0, Robyn Speer
et al.), minus the given names and the 30,000 most frequent surnames of the 1990 US census
(public domain, as packaged by the `names` PyPI package, MIT).
"""
from __future__ import annotations

from pathlib import Path

MIN_ZIPF = 3.3  # about 1 in 500,000 words of English text
TOP_SURNAMES = 30000
OUT = Path(__file__).resolve().parents[2] / "milcoop" / "lang" / "en" / "common_words.txt"


def main() -> None:
    import names
    from wordfreq import top_n_list, zipf_frequency

    data = Path(names.__file__).parent
    given = {line.split()[0].lower() for f in ("dist.male.first", "dist.female.first")
             for line in (data / f).read_text().splitlines() if line.strip()}
    surnames = [line.split()[0].lower() for line in (data / "dist.all.last").read_text().splitlines() if line.strip()]
    known = given | set(surnames[:TOP_SURNAMES])
    words = sorted(w for w in top_n_list("en", 40000)
                   if w.isalpha() and zipf_frequency(w, "en") >= MIN_ZIPF and w not in known)
    header = ("# Frequent English words that are not common names (see training/lexicon/build_common_words.py).\n"
              "# Derived from wordfreq (CC BY-SA 4.0) minus US census 1990 names (public domain).\n")
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
