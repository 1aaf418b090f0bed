# ita-report: everything a newcomer needs is one of these targets.
#   make report   create .venv, install what officers need, write the sample agency's HTML report
#   make lab      the same install, then ita-report lab: JupyterLab on the working copies (lab/)
#   make test     install everything (batch extra, test and lint tools), lint, type-check, test
#   make test-fast  the same without the tests marked slow (notebooks, clusters, browsers):
#                 for development; make test (and CI) runs them all
#   make install  the officers' install alone (no test, lint or batch tools)
#   make dev      the developers' install: the officers' + the batch extra + the dev tools

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Two stamps: an officer's machine never gets pytest, ruff or mypy (nor dask and pyarrow,
# which come with the batch extra: pip install "ita-report[batch]").
STAMP     := $(VENV)/.installed-officer
DEV_STAMP := $(VENV)/.installed-stamp

.PHONY: install dev report test test-fast lint lab bench clean

install: $(STAMP)

dev: $(DEV_STAMP)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[batch,dev]'
	touch $(STAMP) $(DEV_STAMP)

report: $(STAMP)
	$(BIN)/ita-report run params/chaemae-2566.yaml --out reports
	$(BIN)/ita-report run params/chaemae-2566-implementation.yaml --out reports

lint: $(DEV_STAMP)
	$(BIN)/ruff check ita_report tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q -m "not slow"

# The notebooks officers open are copies in lab/ (not tracked): running and saving them never
# changes notebooks/, which ita-report run, papermill and the batch execute.
# ita-report lab (the same on Windows, without make) makes them, then starts Lab on the project
# folder, so its file browser shows lab/, params/ and reports/; as root it adds --allow-root.
lab: $(STAMP)
	$(BIN)/ita-report lab

bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/batch.py

clean:
	rm -rf $(VENV) reports .pytest_cache .mypy_cache .ruff_cache
