# casus: two commands on a fresh machine with Python 3.11+:
#   make demo   venv + install, ingest the bundled samples into ./casus.duckdb, print events
#   make test   venv + install, then ruff (lint, format), mypy --strict, the whole pytest suite
# Both only need the package registries (PyPI; Debian for the browser tests).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.casus-installed

.PHONY: help demo test install lint typecheck browser-deps pytest clean

help:
	@echo "make demo   set up .venv, ingest the bundled sample articles, print events and dyads"
	@echo "make test   set up .venv, run ruff, mypy and the whole test suite"

# (Re)create the venv and install casus with its dev tools whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "casus needs Python 3.11 or newer: make PYTHON=/path/to/python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# byte-compile casus as pip does for a wheel install: an editable install is not, and a
	@# shell with PYTHONDONTWRITEBYTECODE would recompile every module at every start
	$(BIN)/python -m compileall -q src
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/casus demo

test: $(STAMP) lint typecheck browser-deps pytest

# Python files only: code blocks in docs/*.md are examples, not checked for format.
lint: $(STAMP)
	$(BIN)/ruff check --extend-exclude '*.md' .
	$(BIN)/ruff format --check --extend-exclude '*.md' .

typecheck: $(STAMP)
	$(BIN)/mypy

# Browser tests (issue #7): set-up steps for the headless Chromium they drive go here.
browser-deps: $(STAMP)
	@bash scripts/ensure-chromium.sh

# pytest exit code 5 means "no tests collected": here that is a failure, not a pass.
pytest: $(STAMP)
	@rc=0; $(BIN)/pytest -q || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$rc

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist src/*.egg-info
