# Two commands on a fresh machine: `make run` (install, then serve) and `make test` (install, then test).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install run test bench bench-smoke soak clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(VENV)/bin/gunicorn -c gunicorn.conf.py

test: install
	$(PY) -m pytest

bench: install
	$(PY) -m bench

bench-smoke: install
	$(PY) -m bench --smoke

SOAK_SECONDS ?= 600
SOAK_RATE ?= 8
soak: install  # a bounded soak on loopback: its own gunicorn (tiny model unless BRIEFS_MODEL), see docs/reliability.md
	$(PY) tools/soak.py --spawn --duration $(SOAK_SECONDS) --rate $(SOAK_RATE)

clean:
	rm -rf $(VENV) .pytest_cache
