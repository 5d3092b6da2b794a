import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from accounts.models import Membership, Organization, User
from mentorship.demo import DEMO_PASSWORD, PEOPLE


@pytest.mark.django_db
def test_demo_data_loads_twice_without_duplicates():
    call_command("load_demo")
    counts = (User.objects.count(), Organization.objects.count())
    with scopes_disabled():
        memberships = Membership.objects.count()
    call_command("load_demo")
    assert (User.objects.count(), Organization.objects.count()) == counts
    with scopes_disabled():
        assert Membership.objects.count() == memberships
    assert set(Organization.objects.values_list("slug", flat=True)) == {"aurora", "borealis"}


@pytest.mark.django_db
def test_every_demo_login_works(client):
    call_command("load_demo")
    for email in PEOPLE:
        assert client.login(email=email, password=DEMO_PASSWORD), email
        client.logout()
