"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import re
import shutil

import pytest

from tests.factories.accounts import PASSWORD

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
        # Chromium asks for /favicon.ico on its own (not a page's error).
        url = message.location.get("url", "")
        if message.type != "error" or "favicon.ico" in url:
            return
        # A page visited on purpose for its status (the 404 and 403 pages) is not an error
        # of the page; a missing stylesheet or script it asks for is.
        if message.text.startswith("Failed to load resource") and url == page.url:
            return
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


# --- signing out, accessibility and fit ----------------------------------------------------

WIDTHS = (1280, 390)  # a laptop and a phone
BLOCKING_IMPACTS = ("serious", "critical")


def sign_in(page, email, password=PASSWORD):
    """Signs in through the sign-in page and waits for the start page."""
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name=re.compile("Welcome")).wait_for()


def sign_out(page):
    """Signs out through the account menu of the header (a <details> drop-down)."""
    if page.viewport_size and page.viewport_size["width"] < 960:
        page.get_by_role("button", name="Menu").click()
    page.locator(".nav-secondary summary").click()
    page.get_by_role("button", name="Sign out").click()


def axe_violations(page) -> list[str]:
    """axe-core's serious and critical violations of the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3] if node.get("target"))
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING_IMPACTS
    ]


@pytest.fixture
def look(page, artifacts_dir):
    """look(name): the page as a person would check it, at a laptop's and a phone's width:
    axe-core finds no serious or critical violation, nothing scrolls sideways, and a
    screenshot of each width is saved (test-artifacts/screens/<name>-<width>.png)."""
    screens = artifacts_dir / "screens"
    screens.mkdir(exist_ok=True)

    def check(name: str) -> None:
        original = page.viewport_size or {"width": 1280, "height": 720}
        problems = axe_violations(page)
        assert not problems, f"{name}: " + "\n".join(problems)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
            page.screenshot(path=str(screens / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size(original)

    return check
