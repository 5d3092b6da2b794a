import pytest
from django.test import override_settings

from tests.conftest import client_for
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@override_settings(MFA_REQUIRED_FOR_ADMINS=True)
def test_django_admin_sends_staff_without_mfa_to_the_setup_page():
    superuser = UserFactory(is_staff=True, is_superuser=True)
    response = client_for(superuser).get("/django-admin/")
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]


@override_settings(MFA_REQUIRED_FOR_ADMINS=False)
def test_django_admin_opens_when_mfa_is_not_required():
    superuser = UserFactory(is_staff=True, is_superuser=True)
    assert client_for(superuser).get("/django-admin/").status_code == 200
