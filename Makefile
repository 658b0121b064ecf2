# Everyday commands. `make design` and `make test` set everything up first.
PYTHON ?= python3.11
VENV   ?= .venv
BIN     = $(VENV)/bin
BLUEPRINT ?= blueprints/three-tier-web.yaml

.PHONY: design test setup graphviz bench gallery clean

design: setup graphviz
	$(BIN)/archadvisor design $(BLUEPRINT) -o out

test: setup graphviz
	$(BIN)/python -m pytest

gallery: setup graphviz
	$(BIN)/archadvisor gallery blueprints -o out/gallery

bench: setup graphviz
	$(BIN)/python benchmarks/bench_design.py

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

graphviz:
	@scripts/ensure-graphviz.sh

clean:
	rm -rf $(VENV) out/*/ .pytest_cache
