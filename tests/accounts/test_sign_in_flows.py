"""Every allauth flow the platform relies on, as a visitor goes through them: sign up with a
verified email, sign in and out, reset and change the password, change the email address
(verified again), the rate limits with their messages, and GitHub login when configured."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.people.models import User
from tests.conftest import client_for
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-77"


def link_in(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def sign_up(client, email="newcomer@example.test", password="a-long-passphrase-42", **extra):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password},
        **extra,
    )


def test_sign_up_sends_a_verification_email_and_confirming_signs_in(
    django_capture_on_commit_callbacks,
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):  # sent from the outbox
        response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="newcomer@example.test")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1 and "confirm-email" in mail.outbox[0].body

    confirm = link_in(mail.outbox[0])
    assert client.get(confirm).status_code == 200
    response = client.post(confirm, follow=True)
    assert EmailAddress.objects.get(user=user).verified
    assert response.context["user"] == user


def test_an_unverified_address_cannot_sign_in():
    sign_up(Client())
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": "newcomer@example.test", "password": "a-long-passphrase-42"},
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_signing_up_twice_with_one_address_is_refused_clearly():
    UserFactory(email="taken@example.test")
    response = sign_up(Client(), email="taken@example.test")
    # allauth does not reveal that the account exists: it sends that address a notice.
    assert response.status_code == 302
    assert User.objects.filter(email="taken@example.test").count() == 1


def test_weak_password_is_refused_with_a_message():
    response = sign_up(Client(), password="password")
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not User.objects.filter(email="newcomer@example.test").exists()


def test_sign_in_and_out():
    user = UserFactory(email="back@example.test")
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "back@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_wrong_password_says_so():
    UserFactory(email="back@example.test")
    response = Client().post(
        reverse("account_login"), {"login": "back@example.test", "password": "nope-nope"}
    )
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )


def test_password_reset_by_email_link(django_capture_on_commit_callbacks):
    user = UserFactory(email="forgetful@example.test")
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    response = client.get(link_in(mail.outbox[0]), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )
    assert "Your password is now changed." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_needs_the_current_password():
    user = UserFactory(email="careful@example.test")
    client = client_for(user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert "Please type your current password." in response.content.decode()
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Password successfully changed." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_email_change_takes_effect_only_after_the_new_address_is_verified(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="old@example.test")
    client = client_for(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "new@example.test"}, follow=True
        )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email == "old@example.test"  # not yet
    confirmation = next(m for m in mail.outbox if "new@example.test" in m.to)
    client.post(link_in(confirmation))
    user.refresh_from_db()
    assert user.email == "new@example.test"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("new@example.test", True)
    ]


def test_too_many_failed_sign_ins_are_stopped_with_a_message():
    UserFactory(email="target@example.test")
    client = Client(REMOTE_ADDR="10.9.8.7")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "target@example.test", "password": "x"})
    response = client.post(
        reverse("account_login"), {"login": "target@example.test", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_too_many_sign_ups_from_one_address_get_a_429_page():
    client = Client(REMOTE_ADDR="10.9.8.6")
    for i in range(20):
        sign_up(client, email=f"bulk{i}@example.test")
        client.logout()
    response = sign_up(client, email="one-more@example.test")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not User.objects.filter(email="one-more@example.test").exists()


def test_rate_limits_live_in_the_shared_cache(settings):
    # Several web processes must count together: the limits use Redis when configured.
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def test_login_page_has_no_github_button_when_it_is_not_configured(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    page = Client().get(reverse("account_login")).content.decode()
    assert "GitHub" not in page


def test_login_page_offers_github_when_configured(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "github": {"APPS": [{"client_id": "abc", "secret": "def"}], "SCOPE": ["user:email"]}
    }
    page = Client().get(reverse("account_login")).content.decode()
    assert "GitHub" in page
    assert "/accounts/github/login/" in page
