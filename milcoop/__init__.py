"""milcoop: news about military diplomacy -> a record of who met whom, when, where, what was signed.

The Python API mirrors the CLI (``milcoop ingest`` = ``milcoop.ingest(...)``)::

    import milcoop
    record = milcoop.extract(text, published="2011-11-30")
    milcoop.ingest(["examples/"], db="examples.db")
    milcoop.events(db="examples.db", country="KZ", partner="BY")
"""
from .api import (article, backup, documents, dump, event, events, export, extract, extract_file, import_dump,
                  ingest, occasions, people, person, read_articles, reextract, restore, to_pandas)

__version__ = "0.1.0"
__all__ = ["article", "occasions", "backup", "documents", "dump", "event", "events", "export", "extract", "extract_file", "import_dump",
           "ingest", "people", "person", "read_articles", "reextract", "restore", "to_pandas"]
