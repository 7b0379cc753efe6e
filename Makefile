# Conv1d Lab — one entry point for people and CI.
#   make run    create .venv if needed and start the app
#   make test   install what tests need, then lint, type-check and run every test
# CI runs `bash .ci/run`, which is `make test` in a fresh clone.

# Recipes use bash for `set -o pipefail` and `[[ ]]`; one shell per recipe so
# a multi-line recipe stops at its first failing line.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
# A small CJK font (1.6 MB) so screenshots of the Chinese UI show text, not boxes.
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
# Type-check app.py and pages/ once they exist, so the target works at every stage.
TYPED := conv_viz $(wildcard app.py) $(wildcard pages) tests/load tests/perf deploy

.PHONY: help venv dev run chromium haproxy axe replicas lint format typecheck test test-unit test-e2e bench clean

help:  ## list targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# Stamp files record what was installed: pip runs again only when a requirements
# file is newer than its stamp (a fresh clone has no stamps, so it installs).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip reads a copy of requirements.txt in .venv. Where the configured indexes already hold torch 2.13.0+cpu
# (these machines keep its wheel on disk, and download.pytorch.org is out of their reach), the copy leaves
# out the line naming PyTorch's page, so pip asks no other host; elsewhere (a laptop) it keeps it.
define NO_PYTORCH_PAGE
	if $(BIN)/pip install --dry-run --no-deps --ignore-installed --quiet 'torch==2.13.0+cpu' >/dev/null 2>&1; then
	  grep -v 'download\.pytorch\.org' requirements.txt > $(VENV)/requirements.txt
	else
	  cp requirements.txt $(VENV)/requirements.txt
	fi
endef

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(NO_PYTORCH_PAGE)
	$(BIN)/pip install -r $(VENV)/requirements.txt
	touch $@

# The copy of requirements-dev.txt sits beside the filtered requirements.txt, which its `-r` line then reads.
$(VENV)/.dev-installed: requirements-dev.txt requirements.txt | $(BIN)/python
	$(NO_PYTORCH_PAGE)
	cp requirements-dev.txt $(VENV)/requirements-dev.txt
	$(BIN)/pip install -r $(VENV)/requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

venv: $(VENV)/.runtime-installed  ## create .venv with the runtime requirements

dev: $(VENV)/.dev-installed  ## add lint, type and test tools to .venv

run: venv  ## start the app on http://localhost:8501
	$(BIN)/streamlit run app.py

# $(call APT_INSTALL,target,packages,what is missing and what skips): Debian's packages, installed as root (CI);
# otherwise the recipe says what to run and ends there, successfully, so the tests that need them skip.
define APT_INSTALL
	if [[ $$(id -u) -ne 0 ]]; then
	  echo "$(1): $(3) (run: sudo apt-get install $(2))"
	  exit 0
	fi
	echo "$(1): installing Debian's $(2)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y $(2)
endef

# Browser tests drive Debian's Chromium: browser downloads (`playwright install`)
# are not reachable here. Installing needs root, which CI has.
chromium:  ## install Debian's chromium (+ a CJK font) for the browser tests when missing
	@if [[ -x $(CHROMIUM) && -f $(CJK_FONT) ]]; then exit 0; fi
	$(call APT_INSTALL,chromium,chromium fonts-wqy-microhei,$(CHROMIUM) or $(CJK_FONT) missing and not root; browser tests may skip)
	$(CHROMIUM) --version

# HAProxy in front of several replicas: `make replicas` and tests/e2e/test_failover.py (which skips without it
# only when not root). Debian's package; a systemd host also starts its default, listener-less service.
HAPROXY := /usr/sbin/haproxy
haproxy:  ## install Debian's haproxy (make replicas, the failover test) when missing
	@if [[ -x $(HAPROXY) ]] || command -v haproxy >/dev/null; then exit 0; fi
	$(call APT_INSTALL,haproxy,haproxy,missing and not root; the failover test skips)
	$(HAPROXY) -v

# The browser tests inject axe-core into every page (tests/e2e/test_accessibility.py), and tests/test_assets.py
# checks the app's copy of plotly.js's cartesian bundle against npm's: the versions pinned in package-lock.json,
# from the npm registry, into node_modules/ (gitignored). `npm ci` runs again when the lock changes. Without npm,
# root (CI) installs Debian's nodejs and npm first, as `chromium` does.
AXE_STAMP := node_modules/.installed
$(AXE_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null; then
	  $(call APT_INSTALL,axe,nodejs npm,npm missing and not root; the accessibility tests skip)
	fi
	npm ci --no-audit --no-fund
	touch $@

axe: $(AXE_STAMP)  ## install axe-core and plotly.js's cartesian bundle (npm ci, package-lock.json) for the tests

N ?= 3
PORT ?= 8501
replicas: venv haproxy  ## N replicas of the app behind HAProxy on 127.0.0.1:PORT (make replicas N=3), Ctrl-C stops all
	$(BIN)/python -m deploy.replicas -n $(N) --port $(PORT)

lint: dev  ## ruff lint + format check, and the layer rules (import-linter contracts in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: dev  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: dev  ## mypy over the package and the app
	$(BIN)/mypy $(TYPED)

# Two pytest runs: unit tests, doctests in conv_viz and AppTest spread over the 2 cores (xdist), then the
# browser tests in one process: one Streamlit server and one Chromium, and the load test's timings free of
# a second server beside them. pytest exits 5 when it collected no test: that must fail the run, loudly.
PYTEST_ARGS ?=
define pytest
	@set +e
	echo "$(BIN)/pytest $(1) $(PYTEST_ARGS)"
	$(BIN)/pytest $(1) $(PYTEST_ARGS)
	rc=$$?
	set -e
	if [[ $$rc -eq 5 ]]; then echo "pytest collected no tests: failing instead of passing silently" >&2; fi
	if [[ $$rc -ne 0 ]]; then exit $$rc; fi
endef

# Phase timings are printed before pytest starts, so pytest's summary stays the
# last line of the run (CI reads it); pytest reports its own time.
test: dev chromium haproxy axe  ## everything CI checks: lint, types, all tests
	@start=$$(date +%s)
	$(MAKE) --no-print-directory lint
	lint_done=$$(date +%s)
	$(MAKE) --no-print-directory typecheck
	echo "timings: lint $$((lint_done - start))s, typecheck $$(($$(date +%s) - lint_done))s"
	$(MAKE) --no-print-directory test-all

.PHONY: test-all
test-all: dev
	$(call pytest,-n 2 -m "not e2e")
	$(call pytest,-m e2e tests/e2e)

test-unit: dev  ## unit, doctest and AppTest tests only (no browser)
	$(call pytest,-n 2 -m "not e2e")

test-e2e: dev chromium haproxy axe  ## browser tests only
	$(call pytest,-m e2e tests/e2e)

# The app's tables drive Chromium through Playwright (dev requirements), so bench needs dev and chromium.
bench: dev chromium  ## performance report: the engine against torch, every page (server, browser, load), a class of 40
	# OpenBLAS picks slower kernels under these two variables (see tests/perf/engine.py): unset for this command only
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python -m tests.perf.engine
	# What a learner feels, beside an empty page with one chart (tests/perf/floor_app.py) timed in the same run
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python -m tests.perf.latency
	# Server memory while 8 sessions open 32 of the heaviest views (target: peak ≤ 500 MB)
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python -m tests.perf.memory
	# A class of 40 students for two minutes, driven by Locust over Streamlit's websocket (tests/load/class_of_40.py)
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python -m tests.load.class_of_40

clean:  ## remove caches and test artifacts (keeps .venv)
	rm -rf artifacts .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
