# casekit: two commands matter, `make lab` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARGS   ?=
# Jupyter refuses to run as root without being told; containers often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
# `make exec` serves the executive views on this address and port; use
# `make exec HOST=0.0.0.0` to let a classroom network reach them.
# A HOST or PORT inherited from the environment is ignored (only the command line counts).
ifeq ($(origin HOST),environment)
HOST   := 127.0.0.1
endif
ifeq ($(origin PORT),environment)
PORT   := 8866
endif
HOST   ?= 127.0.0.1
PORT   ?= 8866

.PHONY: lab test datasets student exec game bench check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "casekit needs Python 3.11 or newer; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Jupytext (in the lab extra) pairs each notebook's .ipynb with its MyST .md
# source and keeps both in sync on save; these settings make JupyterLab open a
# .md as a notebook on double-click. They go into this venv only.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.d/casekit.json

# Re-install whenever pyproject.toml changes.
$(VENV)/.lab-installed: pyproject.toml jupyter/lab-overrides.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	mkdir -p $(dir $(LAB_SETTINGS))
	cp jupyter/lab-overrides.json $(LAB_SETTINGS)
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab,test]"
	touch $@

lab: $(VENV)/.lab-installed
	$(BIN)/python -m jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 $(ROOT_FLAG) $(ARGS)

test: $(VENV)/.test-installed
	$(BIN)/python -m ruff check .
	$(BIN)/python -m pytest $(ARGS)

datasets: $(VENV)/.lab-installed
	$(BIN)/casekit datasets --rebuild

student: $(VENV)/.lab-installed
	$(BIN)/casekit student notebooks --out build/student

# Executive views (exec/*.ipynb) as web pages with no code: http://$(HOST):$(PORT)/
exec: $(VENV)/.lab-installed
	$(BIN)/python -m voila exec --no-browser --Voila.ip=$(HOST) --port=$(PORT) $(ARGS)

# Beacon Boardroom, the classroom game: players http://$(HOST):$(GAME_PORT)/, console /console
# (`make game HOST=0.0.0.0` for a classroom network; the instructor's key is printed).
GAME_PORT ?= 8870
$(VENV)/.game-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[game]"
	touch $@

game: $(VENV)/.game-installed
	$(BIN)/casekit game serve --host=$(HOST) --port=$(GAME_PORT) $(ARGS)

bench: $(VENV)/.lab-installed
	$(BIN)/python benchmarks/bench_engine.py $(ARGS)
	$(BIN)/python benchmarks/bench_widgets.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
