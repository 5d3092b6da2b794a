#!/usr/bin/env bash
# `make run`: migrate, load the demo data, serve, with a Celery worker and beat (on Redis
# when REDIS_URL is set, else on a filesystem broker in ./.celery); Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT="${PORT:-8000}"

# Migrations were reset on 2026-12-01 (before any release); a demo database made earlier
# cannot be migrated. Recognize it by a migration name that no longer exists.
if [[ -z "${DATABASE_URL:-}" && -f db.sqlite3 ]] && $PY - <<'PYEOF'
import sqlite3, sys
try:
    rows = sqlite3.connect("db.sqlite3").execute(
        "SELECT 1 FROM django_migrations WHERE app='applications' AND name='0003_review'"
    ).fetchall()
except sqlite3.Error:
    rows = []
sys.exit(0 if rows else 1)
PYEOF
then
  echo "./db.sqlite3 was made by an older version (its migrations were reset): moving it to" \
       "db.sqlite3.old and starting with fresh demo data."
  mv db.sqlite3 db.sqlite3.old
  for journal in wal shm; do
    if [[ -f "db.sqlite3-$journal" ]]; then mv "db.sqlite3-$journal" "db.sqlite3.old-$journal"; fi
  done
fi
$PY manage.py migrate --noinput
$PY manage.py load_demo

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

if [[ -n "${REDIS_URL:-}" ]]; then
  echo "Using Redis: starting a Celery worker and beat."
  .venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 &
  pids+=($!)
  .venv/bin/celery -A config beat --loglevel=INFO --schedule=/tmp/mentorship-celerybeat-schedule &
  pids+=($!)
else
  # No Redis: the same worker and beat on kombu's filesystem transport in ./.celery (no
  # server to install). Exported only now, so load_demo above ran its tasks in-process.
  export CELERY_EMBEDDED_DIR="${CELERY_EMBEDDED_DIR:-$PWD/.celery}"
  mkdir -p "$CELERY_EMBEDDED_DIR"/{queue,control,results}
  echo "No REDIS_URL: a Celery worker and beat on the filesystem broker in $CELERY_EMBEDDED_DIR" \
       "(scheduled jobs run as in production)."
  # One process: the worker shares the SQLite file with the server.
  .venv/bin/celery -A config worker --loglevel=INFO --concurrency=1 &
  pids+=($!)
  .venv/bin/celery -A config beat --loglevel=INFO \
    --schedule="$CELERY_EMBEDDED_DIR/beat-schedule" &
  pids+=($!)
fi
if [[ -z "${DATABASE_URL:-}" ]]; then
  echo "No DATABASE_URL: SQLite in ./db.sqlite3."
fi

echo "Serving on http://127.0.0.1:${PORT}/  (demo logins are in README.md; Ctrl-C stops)"
# In the foreground: a non-interactive shell starts background jobs with Ctrl-C ignored,
# so the server must not be one of them. The EXIT trap then stops the worker and beat.
$PY manage.py runserver "127.0.0.1:${PORT}"
