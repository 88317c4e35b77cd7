# Two commands on a fresh machine with Python 3.11+: `make run` and `make test`.
# Everything else is here for development: see `make help`.

SCALE ?= 2000
SEED ?= 1
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
UV_VERSION := 0.13.9

# Nothing in this project may phone home (Meltano, dbt telemetry and version checks).
export MELTANO_SEND_ANONYMOUS_USAGE_STATS := false
export MELTANO_CLI_DISABLE_VERSION_CHECK := true
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
# Installs (uv sync, and meltano install through uv) compile bytecode: every Meltano, tap,
# target and dbt process then starts without compiling its imports (tap-igdb 1.5 -> 0.6 s,
# meltano 2.7 -> 1.2 s where Python may not write .pyc files, as in containers setting
# PYTHONDONTWRITEBYTECODE).
export UV_COMPILE_BYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help setup install run test check lint format typecheck bench docs stack-up stack-down clean

help:  ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(UV): $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock tap-igdb/pyproject.toml igdb-emulator/pyproject.toml
	$(UV) sync --locked --python $(BIN)/python
	@touch $@

setup: $(VENV)/.synced  ## Create .venv with the dev environment (uv, locked)

install: setup  ## Install the Meltano plugins into .meltano/
	$(BIN)/meltano install

run: install  ## Run the whole pipeline locally (SCALE=games, default 2000)
	$(BIN)/python orchestrate/local_run.py --scale $(SCALE) --seed $(SEED)

stack-up: setup  ## Start the local S3 server and IGDB emulator in the background
	$(BIN)/python orchestrate/local_stack.py up --scale $(SCALE) --seed $(SEED)

stack-down:  ## Stop the local stack
	$(BIN)/python orchestrate/local_stack.py down

check: lint typecheck  ## Lint and type-check

lint: setup  ## ruff and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup  ## Apply ruff format and safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: setup  ## mypy --strict on every Python package, script and test
	$(BIN)/mypy tap-igdb/tap_igdb igdb-emulator/igdb_emulator orchestrate bench transform/scripts transform/plugins
	cd tap-igdb && ../$(BIN)/mypy tap_igdb scripts tests
	cd igdb-emulator && ../$(BIN)/mypy igdb_emulator tests bench
	# one call per test folder: each has its own conftest module
	MYPYPATH=tests/support $(BIN)/mypy tests/ship
	MYPYPATH=tests/support:transform/scripts $(BIN)/mypy tests/reliability
	MYPYPATH=transform/scripts $(BIN)/mypy tests/transform

test: install check  ## Lint, type-check and run every test (tap, emulator, pipeline)
	$(BIN)/pytest

bench: install  ## Benchmarks: print a table, write bench/results/latest.json (BENCH_ARGS="--scale 20000 extract-games")
	$(BIN)/python bench/run.py $(BENCH_ARGS)

docs: install  ## Build the dbt docs site (static, one file) into output/docs/
	$(BIN)/python orchestrate/build_docs.py --scale $(SCALE) --seed $(SEED)

clean:  ## Remove the venv, Meltano runtime and build outputs
	-$(BIN)/python orchestrate/local_stack.py down
	rm -rf $(VENV) .meltano output transform/target transform/logs tap-igdb/dist
