# bqw_research — developer and CI entry points.  `make` (= `make help`) lists the targets.
#
# Every target that runs Python first creates or updates the project's own
# virtualenv (.venv) from requirements/constraints.txt; the install is skipped
# while pyproject.toml and the constraints are unchanged (stamp file).

.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.bqw-install-stamp
CONSTRAINTS := requirements/constraints.txt
# Notebook copies with their nbval references merged in (make test; git-ignored).
NBVAL_DIR   := build/nbval
# The fresh virtualenv make smoke-install installs the wheel into (git-ignored).
SMOKE_VENV  := build/smoke-venv
PIP_FLAGS   ?= --progress-bar off

# Options passed through: `make report CORPUS=~/articles OUT=/tmp/report`,
# `make report REPORT_ARGS="--notebooks 02 -p CITY 茂名 --formats png,svg,pdf"`,
# `make test PYTEST_ARGS="-k ingest"`, `make nb-refs NOTEBOOKS=notebooks/01_x.ipynb`,
# `make lab LAB_ARGS="--no-browser --port 8899"` (root gets --allow-root by default).
CORPUS      ?=
OUT         ?=
REPORT_ARGS ?=
PYTEST_ARGS ?=
NOTEBOOKS   ?=
LAB_ARGS    ?= $(if $(filter 0,$(shell id -u)),--allow-root)

# Headless matplotlib for pytest and for the report runner's own process.
# Notebook kernels are given ipykernel's inline backend instead (headless too),
# so their figures become image outputs: `env -u MPLBACKEND` for nbval, and
# bqw report sets it for its kernels.
HEADLESS    := MPLBACKEND=Agg
KERNEL_ENV  := env -u MPLBACKEND

.PHONY: help venv constraints report test lint format lab nb-refs nb-strip nb-check bench smoke-install clean distclean

help: ## list the targets (default)
	@echo "usage: make TARGET [CORPUS=path] [OUT=dir] [PYTEST_ARGS=...] [NOTEBOOKS=...]"
	@echo
	@grep -E '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install $(PIP_FLAGS) -c $(CONSTRAINTS) -e ".[dev]"
	@touch $@

venv: $(STAMP) ## create .venv and install the package with its dev tools (skipped when up to date)

constraints: | $(BIN)/python ## re-pin requirements/constraints.txt from what .venv holds (pip freeze)
	@mkdir -p $(dir $(CONSTRAINTS))
	@{ echo "# Exact pins of every package in the project's environment, used as"; \
	   echo "#   pip install -c $(CONSTRAINTS) -e \".[dev]\""; \
	   echo "# by make venv and environment.yml. Regenerate with: make constraints"; \
	   $(BIN)/python -m pip freeze --exclude-editable \
	     | grep -viE '^bqw[-_]research([ =@]|$$)' \
	     | if grep -qiE '^[[:space:]]*"rjieba' pyproject.toml; then cat; else grep -viE '^rjieba([ =@]|$$)'; fi; \
	 } > $(CONSTRAINTS).tmp
	@mv $(CONSTRAINTS).tmp $(CONSTRAINTS)
	@echo "wrote $(CONSTRAINTS) ($$(grep -vc '^#' $(CONSTRAINTS)) pins)"

report: venv ## run notebooks/NN_*.ipynb into reports/ (CORPUS=path OUT=dir REPORT_ARGS="bqw report options")
	$(HEADLESS) $(BIN)/bqw report $(if $(CORPUS),--corpus "$(CORPUS)") $(if $(OUT),--out "$(OUT)") $(REPORT_ARGS)

test: venv ## ruff check, the unit tests, then the notebooks under nbval (against notebooks/references/)
	$(BIN)/ruff check .
	$(HEADLESS) $(BIN)/pytest tests $(PYTEST_ARGS) || { rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests in tests/" >&2; fi; exit $$rc; }
	$(BIN)/python -m bqw_research.report.nbtools assemble --out $(NBVAL_DIR)
	$(KERNEL_ENV) $(BIN)/pytest --nbval-lax --nbval-current-env $(NBVAL_DIR) || { rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "make test: nbval collected no notebooks in $(NBVAL_DIR)" >&2; fi; exit $$rc; }

lint: venv ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv ## ruff format and ruff check --fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lab: venv ## JupyterLab on notebooks/ with this project's kernel ("Python (bqw)", per user: bqw kernel install)
	$(BIN)/bqw kernel install
	$(KERNEL_ENV) $(BIN)/jupyter lab $(LAB_ARGS) notebooks/

nb-refs: venv ## re-run the notebooks, write tagged cells' outputs to notebooks/references/, strip the notebooks
	$(KERNEL_ENV) $(BIN)/python -m bqw_research.report.nbtools refs $(NOTEBOOKS)

nb-strip: venv ## strip all outputs and execution counts from the notebooks (references/ untouched)
	$(BIN)/python -m bqw_research.report.nbtools strip $(NOTEBOOKS)

nb-check: venv ## list what keeps the notebooks and their references from being committed as they are
	$(BIN)/python -m bqw_research.report.nbtools check $(NOTEBOOKS)

bench: venv ## time bqw report and bqw ingest end to end on real folders (benchmarks/bench_scale.py)
	$(HEADLESS) $(BIN)/python benchmarks/bench_scale.py

smoke-install: venv ## build the wheel and sdist, install the wheel in a fresh virtualenv, run tests/install/smoke.py outside the checkout
	rm -rf dist $(SMOKE_VENV) build/sdist-wheel
	$(BIN)/python -m pip wheel $(PIP_FLAGS) --no-deps . -w dist
	$(BIN)/python -c 'from setuptools import build_meta; print(build_meta.build_sdist("dist"))'
	@# the sdist must build the same wheel (its data files and notebooks included)
	$(BIN)/python -m pip wheel $(PIP_FLAGS) --no-deps dist/bqw_research-*.tar.gz -w build/sdist-wheel
	$(BIN)/python -c 'import sys, zipfile; a, b = (set(zipfile.ZipFile(p).namelist()) for p in sys.argv[1:]); \
	  sys.exit(a != b and f"the wheel built from the sdist differs: {sorted(a ^ b)}")' dist/*.whl build/sdist-wheel/*.whl
	$(PYTHON) -m venv $(SMOKE_VENV)
	$(SMOKE_VENV)/bin/python -m pip install $(PIP_FLAGS) -c $(CONSTRAINTS) dist/*.whl
	cd "$$(mktemp -d)" && $(HEADLESS) $(abspath $(SMOKE_VENV))/bin/python $(CURDIR)/tests/install/smoke.py

clean: ## remove caches, build files and rendered reports (keeps .venv)
	rm -rf .pytest_cache .ruff_cache build dist *.egg-info
	find . -path ./$(VENV) -prune -o -type d \( -name __pycache__ -o -name .ipynb_checkpoints \) -print0 \
	  | xargs -0 rm -rf
	find reports -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

distclean: clean ## clean, and remove .venv too
	rm -rf $(VENV)
