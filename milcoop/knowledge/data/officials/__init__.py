"""Per-country source files of the officials table (compiled by ``milcoop.knowledge.build_officials``)."""
