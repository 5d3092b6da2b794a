"""The load figure of bench/review_dashboard.py: gunicorn with production settings under
wrk, requests per second as a ratio to /healthz. Imported after django.setup()."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client

from bench.review_dashboard_data import _urls

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    """BENCH_PORT (default 8690) or the next free port up to 9 above it: the machine is
    shared, so each developer keeps to a port range of their own."""
    first = int(os.environ.get("BENCH_PORT", "8690"))
    for port in range(first, first + 10):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {first}-{first + 9} (set BENCH_PORT)")


def _wrk(url: str, cookie: str, seconds: int) -> float:
    answer = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "-H", f"Cookie: {cookie}", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    if "Non-2xx or 3xx responses" in answer.stdout:
        raise RuntimeError(f"{url} answered errors under load:\n{answer.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", answer.stdout).group(1))


LOAD_ROUNDS = 3


def _load(world, seconds: int) -> dict[str, dict] | None:
    """Requests per second under wrk of /healthz, the dashboard and an applicant page of
    the 1,000-applicant term, served by gunicorn with production settings: in
    LOAD_ROUNDS interleaved rounds, each page's ratio to /healthz taken within its round
    (the floor moves by a third from one minute to the next on a shared machine), then
    the median of the rounds. {name: {"rps": median req/s, "ratio": median ratio}}."""
    if shutil.which("wrk") is None:
        print("wrk is missing (Debian: apt-get install -y wrk): no load figure.")
        return None
    alpha, term = world["alpha"], world["terms"][min(world["terms"])]
    client = Client(HTTP_HOST="localhost")
    client.force_login(alpha.mentor)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    urls = _urls(alpha, term)
    port = _free_port()
    static = tempfile.mkdtemp(prefix="bench-static-")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        # The key that signed the session cookie below.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": _database_url(),
        "STATIC_ROOT": static,
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "-w",
            "3",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        for _, path in urls.items():
            if path[0] == "mentor" and not path[1].endswith(".csv"):
                request = urllib.request.Request(base + path[1], headers={"Cookie": cookie})
                with _no_redirects.open(request, timeout=30) as answer:
                    assert answer.status == 200, (path, answer.status)
        pages = (
            ("/healthz", "/healthz"),
            ("dashboard", urls["dashboard, first page"][1]),
            ("applicant page", urls["applicant page"][1]),
        )
        for _, path in pages:
            _wrk(base + path, cookie, 2)  # warm up
        rounds = []
        for _ in range(LOAD_ROUNDS):
            rounds.append({name: _wrk(base + path, cookie, seconds) for name, path in pages})
        return {
            name: {
                "rps": statistics.median(r[name] for r in rounds),
                "ratio": statistics.median(r[name] / r["/healthz"] for r in rounds),
            }
            for name, _ in pages
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(static, ignore_errors=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (to the login page) is an answer to report, not follow


_no_redirects = urllib.request.build_opener(_NoRedirect)


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


# --- report -------------------------------------------------------------------------------
