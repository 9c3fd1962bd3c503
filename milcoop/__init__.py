"""milcoop: news about military diplomacy -> a record of who met whom, when, where, what was signed.

The Python API mirrors the CLI (``milcoop ingest`` = ``milcoop.reading(...)``)::

    import milcoop
    record = milcoop.extract(text, published="2011-11-30")
    milcoop.reading(["examples/"], db="examples.db")
    milcoop.events(db="examples.db", country="KZ", partner="BY")
"""
from .api import (documents, event, events, export, extract, extract_file, ingest, people, person,
                  read_articles, reextract, to_pandas)

__version__ = "0.1.0"
__all__ = ["documents", "event", "events", "export", "extract", "extract_file", "ingest", "people",
           "person", "read_articles", "reextract", "to_pandas"]
