# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
export PORT

.PHONY: run test lint format install install-dev lock bench bench-review bench-matching-job bench-graduates bench-reminders clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml requirements/constraints.txt
	$(PY) -m pip install --quiet -c requirements/constraints.txt .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -c requirements/constraints.txt ".[dev]"
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Serve the site on 127.0.0.1:$(PORT) with demo data (SQLite unless DATABASE_URL is set).
run: install
	@bash scripts/run.sh

## Lint, then the whole suite on PostgreSQL and Redis, then the SQLite smoke run.
test: install-dev
	@bash scripts/test.sh

## ruff (lint and format) and import-linter (the import layers, see pyproject.toml).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Re-pin requirements/constraints.txt from what is installed in .venv.
lock: install-dev
	$(PY) -m pip freeze --exclude-editable | grep -v '^mentorship-platform' > requirements/constraints.txt

bench: install-dev
	$(PY) bench/matching.py

clean:
	rm -rf $(VENV) build *.egg-info staticfiles test-artifacts

## The review and decisions benchmark: 1k, 10k and 50k applicants in a scratch database, and a
## load figure under wrk (apt-get install -y wrk); see README.
bench-review: install-dev
	$(PY) bench/review_dashboard.py

## The whole matching job: 100,000 applications in a scratch database (see README).
bench-matching-job: install-dev
	$(PY) bench/matching_job.py

## The graduate directory over 100,000 profiles and /stats/ (see README).
bench-graduates: install-dev
	$(PY) bench/graduates.py

## The reminder sweep over 100,000 mentees (scratch database, median of 3 runs; see README).
bench-reminders: install-dev
	$(PY) bench/reminders.py
