"""Gazetteers as data: countries, cities, organisations, exercises (ru, kk, en)."""
from .forms import kk_stem, kk_stem_candidates, romanize, ru_case_forms
from .gazetteer import Gazetteer, Mention, get_gazetteer
from .loader import GazetteerDataError, UnsupportedLanguage

__all__ = ["Gazetteer", "GazetteerDataError", "Mention", "UnsupportedLanguage", "get_gazetteer",
           "kk_stem", "kk_stem_candidates", "romanize", "ru_case_forms"]
