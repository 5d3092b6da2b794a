"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(executable):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: `make test` installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, artifacts_dir, request):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    # Every console error (a Content-Security-Policy violation is one: "Refused to execute
    # inline script ...") and every uncaught script error fails the journey.
    problems: list[str] = []

    def on_console(message):
        # Chromium asks for /favicon.ico on its own; the site has none (not a page's error).
        if message.type == "error" and "favicon.ico" not in message.location.get("url", ""):
            problems.append(f"console {message.type}: {message.text} ({message.location})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield page
    name = request.node.name.replace("/", "_")
    try:
        page.screenshot(path=str(artifacts_dir / f"{name}.png"), full_page=True)
    finally:
        context.close()
    if problems:
        pytest.fail("The browser reported errors:\n" + "\n".join(problems))
