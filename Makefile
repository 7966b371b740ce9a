# The two commands of the README, each self-sufficient on a fresh machine:
#   make demo   installs eventwire into .venv and runs `eventwire demo` on the bundled sample news
#   make test   installs everything the tests use (dev extras, Chromium, PostgreSQL server) and runs them
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test install install-dev web lint serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# The dashboard's assets are committed (pip install works without Node); `web` rebuilds them from npm
# packages so the shipped bundle is always the one its sources and lockfile produce.
web:
	cd eventwire/web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent

install: $(BIN)/python web
	$(BIN)/pip install -q -e .

install-dev: $(BIN)/python web
	$(BIN)/pip install -q -e '.[dev]'

demo: install
	$(BIN)/eventwire demo

serve: install
	$(BIN)/eventwire serve --db eventwire-demo.db

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-dev
	scripts/run-tests

clean:
	rm -rf $(VENV) build *.egg-info eventwire-demo.db* events.plover.jsonl test-artifacts
