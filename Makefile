# ita-report: everything a newcomer needs is one of these targets.
#   make report   create .venv, install, write the sample agency's HTML report
#   make test     create .venv, install, lint, type-check, run the whole test suite
#   make lab      open JupyterLab on notebooks/

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install report test lint lab bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/ita-report run params/chaemae-2566.yaml --out reports
	$(BIN)/ita-report run params/chaemae-2566-implementation.yaml --out reports

lint: $(STAMP)
	$(BIN)/ruff check ita_report tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python benchmarks/batch.py

clean:
	rm -rf $(VENV) reports .pytest_cache .mypy_cache .ruff_cache
