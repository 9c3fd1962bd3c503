# The two commands of the README. Both set up .venv first (idempotent).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= examples.db

.PHONY: setup demo test bench

$(BIN)/milcoop: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(BIN)/milcoop

setup: $(BIN)/milcoop

# Ingest the bundled example articles and list the events found.
demo: setup
	$(BIN)/milcoop ingest examples/ --db $(DB)
	$(BIN)/milcoop events --db $(DB)

# The whole test suite (pytest's "no tests collected", exit 5, is a failure here).
test: setup
	@$(BIN)/python -m pytest -q -p no:cacheprovider; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

# Accuracy on seeds and dev, speed against natasha's NER alone.
bench: setup
	$(BIN)/milcoop benchmark accuracy --articles ../shared/corpus/seeds/articles.jsonl
	$(BIN)/milcoop benchmark accuracy --articles ../shared/corpus/dev/articles.jsonl
	$(BIN)/milcoop benchmark speed
	$(BIN)/milcoop benchmark ner --dataset factrueval
	$(BIN)/milcoop benchmark ner --dataset kaznerd
	$(BIN)/milcoop benchmark merge
	$(BIN)/milcoop benchmark people
