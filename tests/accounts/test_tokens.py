import pytest
from rest_framework.test import APIClient

from accounts.tokens.models import ApiToken
from tests.conftest import client_for
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _create(client, name="laptop"):
    response = client.post("/me/tokens/", {"name": name})
    assert response.status_code == 200
    return response.context["new_secret"]


def test_token_is_shown_once_stored_hashed_and_authenticates_the_api(stranger):
    secret = _create(client_for(stranger))
    token = ApiToken.objects.get(user=stranger)
    assert token.name == "laptop" and secret.startswith("mtr_")
    assert secret not in (token.digest, token.token_key)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert api.get("/api/v1/me/").json()["email"] == stranger.email
    # The list page shows only the prefix, never the secret again.
    page = client_for(stranger).get("/me/tokens/").content.decode()
    assert token.token_key in page and secret not in page


def test_revoked_token_no_longer_authenticates(stranger):
    client = client_for(stranger)
    secret = _create(client)
    token = ApiToken.objects.get(user=stranger)
    client.post(f"/me/tokens/{token.token_key}/revoke/")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert api.get("/api/v1/me/").status_code == 401


def test_several_named_tokens_through_the_api_and_revoking_another_persons_is_404(stranger):
    api = APIClient()
    api.force_authenticate(stranger)
    first = api.post("/api/v1/me/tokens/", {"name": "ci"}, format="json")
    second = api.post("/api/v1/me/tokens/", {"name": "laptop"}, format="json")
    assert first.status_code == second.status_code == 201
    assert {t["name"] for t in api.get("/api/v1/me/tokens/").json()} == {"ci", "laptop"}
    other = APIClient()
    other.force_authenticate(UserFactory())
    assert other.delete(f"/api/v1/me/tokens/{first.json()['token_key']}/").status_code == 404
    assert api.delete(f"/api/v1/me/tokens/{first.json()['token_key']}/").status_code == 204
    assert ApiToken.objects.filter(user=stranger).count() == 1


def test_token_needs_a_name(stranger):
    api = APIClient()
    api.force_authenticate(stranger)
    response = api.post("/api/v1/me/tokens/", {"name": ""}, format="json")
    assert response.status_code == 400 and "name" in response.json()


def test_anonymous_api_call_is_401_not_a_redirect(client):
    assert client.get("/api/v1/me/").status_code == 401
    assert client.get("/api/v1/orgs/alpha/members/").status_code == 401
