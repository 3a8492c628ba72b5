# The two set-up commands of the README: `make demo` and `make check` (the tests, ruff and mypy: what CI runs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := $(VENV)/demo.db

.PHONY: demo test lint check bench clean

$(BIN)/scrtool: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

demo: $(BIN)/scrtool
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/scrtool import samples/child-t.md --db $(DEMO_DB)
	$(BIN)/scrtool trace 1 --db $(DEMO_DB)

test: $(BIN)/scrtool
	$(BIN)/python -m pytest -q

lint: $(BIN)/scrtool
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/mypy bench

check: lint test

bench: $(BIN)/scrtool
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
