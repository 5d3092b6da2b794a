#!/usr/bin/env bash
# `make run`: migrate, load the demo data, serve. With DATABASE_URL and REDIS_URL set it
# also runs a Celery worker and beat, and stops them all together on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT="${PORT:-8000}"

if ! $PY manage.py migrate --noinput; then
  if [[ -z "${DATABASE_URL:-}" && -f db.sqlite3 ]]; then
    echo "The demo database ./db.sqlite3 was made by an older version whose migrations were" >&2
    echo "reset on 2026-12-01. Delete it (rm db.sqlite3) and run make run again." >&2
  fi
  exit 1
fi
$PY manage.py load_demo

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

if [[ -n "${DATABASE_URL:-}" && -n "${REDIS_URL:-}" ]]; then
  echo "Using PostgreSQL and Redis: starting a Celery worker and beat."
  .venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 &
  pids+=($!)
  .venv/bin/celery -A config beat --loglevel=INFO --schedule=/tmp/mentorship-celerybeat-schedule &
  pids+=($!)
else
  echo "No DATABASE_URL/REDIS_URL: SQLite in ./db.sqlite3 and background tasks run in-process."
fi

echo "Serving on http://127.0.0.1:${PORT}/  (demo logins are in README.md; Ctrl-C stops)"
# In the foreground: a non-interactive shell starts background jobs with Ctrl-C ignored,
# so the server must not be one of them. The EXIT trap then stops the worker and beat.
$PY manage.py runserver "127.0.0.1:${PORT}"
