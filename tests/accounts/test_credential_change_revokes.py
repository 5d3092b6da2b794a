"""Issue 13, finding 6: a password change or reset, and an email change, revoke the person's
API tokens and sign out their other sessions; the notice emailed says so."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tokens.models import ApiToken
from accounts.tokens.services import api_token_create
from core.outbox.models import OutboxEmail
from tests.conftest import client_for
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-much-longer-new-passphrase-42"
NOTICE = "your API tokens were revoked"


@pytest.fixture
def person(db):
    user = UserFactory(email="pat@example.test")
    api_token_create(user=user, name="ci")
    return user


def assert_tokens_and_other_sessions_gone(person, other_session):
    assert not ApiToken.objects.filter(user=person).exists()
    response = other_session.get(reverse("accounts:me"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def last_notice(person) -> str:
    return OutboxEmail.objects.filter(to=person.email).order_by("-id").first().text_body


def test_password_change_revokes_tokens_and_other_sessions_and_says_so(person):
    _token, secret = api_token_create(user=person, name="laptop")
    assert APIClient(HTTP_AUTHORIZATION=f"Token {secret}").get("/api/v1/me/").status_code == 200
    here, elsewhere = client_for(person), client_for(person)
    response = here.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert_tokens_and_other_sessions_gone(person, elsewhere)
    assert here.get(reverse("accounts:me")).status_code == 200
    assert APIClient(HTTP_AUTHORIZATION=f"Token {secret}").get("/api/v1/me/").status_code == 401
    assert f"{NOTICE} (2 revoked)" in last_notice(person)
    assert "signed out" in last_notice(person)


def test_password_reset_revokes_tokens_and_sessions_and_says_so(person):
    elsewhere = client_for(person)
    anonymous = client_for(None)
    anonymous.post(reverse("account_reset_password"), {"email": person.email})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+/)", last_notice(person))
    response = anonymous.get(link.group(1), follow=True)
    set_url = response.redirect_chain[-1][0]
    response = anonymous.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert_tokens_and_other_sessions_gone(person, elsewhere)
    assert NOTICE in last_notice(person)


def test_email_change_revokes_tokens_and_other_sessions_and_says_so(person):
    here, elsewhere = client_for(person), client_for(person)
    here.post(reverse("account_email"), {"action_add": "", "email": "pat.new@example.test"})
    link = re.search(
        r"https?://[^/]+(/accounts/confirm-email/\S+/)",
        OutboxEmail.objects.filter(to="pat.new@example.test").get().text_body,
    )
    assert here.post(link.group(1)).status_code == 302
    person.refresh_from_db()
    assert person.email == "pat.new@example.test"
    assert_tokens_and_other_sessions_gone(person, elsewhere)
    assert here.get(reverse("accounts:me")).status_code == 200
    notice = OutboxEmail.objects.filter(to="pat@example.test").order_by("-id").first().text_body
    assert "pat.new@example.test" in notice and NOTICE in notice


def test_other_people_keep_their_tokens(person):
    other = UserFactory()
    api_token_create(user=other, name="theirs")
    client_for(person).post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert ApiToken.objects.filter(user=other).count() == 1
