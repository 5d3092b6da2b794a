"""Issue 13, finding 8: every HTML page sends a Content-Security-Policy that allows no inline
script, and the pages hold none (the browser journeys also fail on any CSP violation:
tests/browser/conftest.py)."""

import re

import pytest
from django.urls import reverse

from tests.conftest import client_for

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|<[^>]+\sstyle\s*=", re.IGNORECASE)


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


def assert_strict(response):
    header = response["Content-Security-Policy"]
    policy = directives(header)
    assert policy["script-src"] == ["'self'"], header
    assert "'unsafe-inline'" not in policy.get("default-src", [])
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html).group(0)
    if "'unsafe-inline'" not in policy["style-src"]:  # (the API docs' Swagger UI needs it)
        assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["home", "programs:catalog", "account_login", "account_signup", "api-docs", "api-redoc"]
)
def test_public_pages_send_a_strict_policy_and_hold_no_inline_script(name):
    response = client_for(None).get(reverse(name))
    assert response.status_code == 200
    assert_strict(response)


@pytest.mark.django_db
def test_organization_pages_send_a_strict_policy(org_a):
    client = client_for(org_a.admin)
    for url in (
        reverse("accounts:me"),
        reverse("accounts:tokens"),
        reverse("programs:org-home", kwargs={"org": org_a.organization.slug}),
        reverse("accounts:org-members", kwargs={"org": org_a.organization.slug}),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


@pytest.mark.django_db
def test_error_pages_send_it_too():
    response = client_for(None).get("/no-such-page/")
    assert response.status_code == 404
    assert_strict(response)


@pytest.mark.django_db
def test_the_email_change_page_with_a_pending_address_holds_no_inline_style(org_a):
    """allauth's own template hid a form with an inline style, which the policy refuses
    (the buttons that submit it stayed usable, but the browser logged a violation)."""
    from allauth.account.models import EmailAddress

    user = org_a.mentor
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
    EmailAddress.objects.create(user=user, email="new-address@example.org", verified=False)
    response = client_for(user).get(reverse("account_email"))
    assert response.status_code == 200
    assert "new-address@example.org" in response.content.decode()
    assert_strict(response)
