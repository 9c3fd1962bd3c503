"""Language-independent extractors driven by the language lexicons."""
from .pipeline import EXTRACTOR_VERSION, Extractor

__all__ = ["Extractor", "EXTRACTOR_VERSION"]
