# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := $(VENV)/demo.db

.PHONY: demo test check bench clean

$(BIN)/scrtool: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

demo: $(BIN)/scrtool
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/scrtool import samples/child-t.md --db $(DEMO_DB)
	$(BIN)/scrtool trace 1 --db $(DEMO_DB)

test: $(BIN)/scrtool
	$(BIN)/python -m pytest -q

check: test
	$(BIN)/python -m pip install -q ruff mypy
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(BIN)/scrtool
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
