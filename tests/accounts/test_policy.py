"""The organization's one policy (what mentors may do): its page for admins, its endpoint
(members read, admins change), its defaults, and the permissions that guard them, as a
literal table of role → allowed."""

import pytest
from django.urls import reverse
from django_scopes import scope

from accounts.organizations.models import OrganizationPolicy
from accounts.organizations.selectors import organization_policy
from accounts.organizations.services import organization_policy_update
from core.audit.models import AuditEvent
from tests.conftest import api_client_for, client_for

pytestmark = pytest.mark.django_db

ROLES = ("admin", "coordinator", "mentor", "outsider")


def people(org_a, org_b) -> dict:
    return {
        "admin": org_a.admin,
        "coordinator": org_a.coordinator,
        "mentor": org_a.mentor,
        "outsider": org_b.admin,
    }


PERMISSIONS = {
    "accounts.view_policy": {"admin": True, "coordinator": True, "mentor": True, "outsider": False},
    "accounts.manage_policy": {
        "admin": True,
        "coordinator": False,
        "mentor": False,
        "outsider": False,
    },
}


def test_policy_permissions_by_role(org_a, org_b):
    everyone = people(org_a, org_b)
    organization = org_a.organization
    for permission, expected in PERMISSIONS.items():
        got = {role: everyone[role].has_perm(permission, organization) for role in ROLES}
        assert got == expected, permission


def test_defaults_without_a_row(org_a):
    policy = organization_policy(organization_id=org_a.organization.pk)
    assert policy.pk is None
    assert (policy.mentors_may_shortlist, policy.mentors_may_decide) == (False, False)


def test_the_page_is_for_admins_and_saves_both_switches(org_a, org_b):
    url = reverse("accounts:org-policy", kwargs={"org": "alpha"})
    expected = {"admin": 200, "coordinator": 403, "mentor": 403, "outsider": 404}
    everyone = people(org_a, org_b)
    assert {role: client_for(everyone[role]).get(url).status_code for role in ROLES} == expected
    assert client_for(None).get(url).status_code == 302  # to log in
    admin = client_for(org_a.admin)
    page = admin.get(url).content.decode()
    assert "Mentors may shortlist" in page and "Mentors may decline" in page
    assert "Accepting stays with admins" in page
    answer = admin.post(url, {"mentors_may_shortlist": "on", "mentors_may_decide": "on"})
    assert answer.status_code == 302
    with scope(organization=org_a.organization):
        policy = OrganizationPolicy.objects.get(organization=org_a.organization)
    assert policy.mentors_may_shortlist and policy.mentors_may_decide
    assert client_for(org_a.coordinator).post(url, {}).status_code == 403
    with scope(organization=org_a.organization):
        policy.refresh_from_db()
    assert policy.mentors_may_decide


def test_the_home_page_links_the_policy_for_admins_only(org_a):
    url = reverse("programs:org-home", kwargs={"org": "alpha"})
    link = reverse("accounts:org-policy", kwargs={"org": "alpha"})
    assert link in client_for(org_a.admin).get(url).content.decode()
    assert link not in client_for(org_a.mentor).get(url).content.decode()


def test_the_endpoint_members_read_admins_change(org_a, org_b):
    url = reverse("api:organization-policy", kwargs={"org": "alpha"})
    everyone = people(org_a, org_b)
    reads = {role: api_client_for(everyone[role]).get(url).status_code for role in ROLES}
    assert reads == {"admin": 200, "coordinator": 200, "mentor": 200, "outsider": 404}
    assert api_client_for(None).get(url).status_code == 401
    changes = {
        role: api_client_for(everyone[role])
        .patch(url, {"mentors_may_decide": True}, format="json")
        .status_code
        for role in ROLES
    }
    assert changes == {"admin": 200, "coordinator": 403, "mentor": 403, "outsider": 404}
    body = api_client_for(org_a.mentor).get(url).json()
    assert body == {"mentors_may_shortlist": False, "mentors_may_decide": True}
    # The other organization's policy is untouched.
    assert not organization_policy(organization_id=org_b.organization.pk).mentors_may_decide


def test_changes_are_audited_once(org_a):
    with scope(organization=org_a.organization):
        organization_policy_update(
            organization=org_a.organization, actor=org_a.admin, mentors_may_shortlist=True
        )
        organization_policy_update(
            organization=org_a.organization, actor=org_a.admin, mentors_may_shortlist=True
        )
        events = list(AuditEvent.objects.filter(action="organization.policy_changed"))
    assert [(e.from_state, e.to_state) for e in events] == [
        ("mentors_may_shortlist=False", "mentors_may_shortlist=True")
    ]


def test_the_home_page_links_the_decision_texts_for_admins_only(org_a):
    url = reverse("programs:org-home", kwargs={"org": "alpha"})
    link = reverse("applications:decision-texts", kwargs={"org": "alpha"})
    assert link in client_for(org_a.admin).get(url).content.decode()
    assert link not in client_for(org_a.coordinator).get(url).content.decode()
