"""Gazetteer data files (TSV, YAML, TXT); a package so that wheels ship them."""
