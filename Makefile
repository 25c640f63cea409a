# Every target does its own set-up on a fresh machine: a venv under .venv, an editable install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export INNOGRAPH_DATA_DIR ?= $(CURDIR)/.data

.PHONY: install build test serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(BIN)/innograph build

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .data .pytest_cache .hypothesis
