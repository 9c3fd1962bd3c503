"""milcoop: news about military diplomacy -> a searchable record of events."""
__version__ = "0.1.0"
