import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k3y-" + "x9Qz!7pL" * 7,
    "ALLOWED_HOSTS": "mentorship.example.org",
    "SITE_URL": "https://mentorship.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/mentorship",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _manage(*args, env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment must not.
    dropped = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_the_site_address():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SITE_URL"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr


def test_production_renders_templates_through_the_cached_loader_and_jit_is_off():
    code = (
        "import django; django.setup();"
        "from django.template import engines; from django.db import connection;"
        "loaders = engines['django'].engine.template_loaders;"
        "print(type(loaders[0]).__module__);"
        "print(connection.settings_dict['OPTIONS'].get('options'))"
    )
    dropped = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=base | PRODUCTION_ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loader, options = result.stdout.strip().split("\n")
    assert loader == "django.template.loaders.cached"
    assert "-c jit=off" in options and "-c statement_timeout=" in options
