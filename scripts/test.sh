#!/usr/bin/env bash
# `make test`: browser, services, lint, migrations check, the suite on PostgreSQL, then the
# embedded-default smoke run on SQLite. Any failure fails the whole command.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
started=$(date +%s)

# Browser for the end-to-end journeys: Debian's Chromium (Playwright cannot download its own).
if ! command -v chromium >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
if ! command -v chromium >/dev/null; then
  echo "chromium is missing: install it (apt-get install chromium) to run the browser tests." >&2
  exit 1
fi

bash scripts/services.sh

echo "== lint"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports
echo "== migrations in step with models"
DJANGO_SETTINGS_MODULE=config.settings.test $PY manage.py makemigrations --check --dry-run

echo "== test suite on PostgreSQL"
mkdir -p test-artifacts
$PY -m pytest -m "not smoke" -n auto "$@"

echo "== smoke run of the embedded default on SQLite"
smoke_db=$(mktemp -d)/smoke.sqlite3
DATABASE_URL="sqlite:///${smoke_db}" REDIS_URL="" $PY -m pytest -m smoke -q

echo "make test took $(( $(date +%s) - started )) s"
