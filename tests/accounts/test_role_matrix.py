"""Who may do what in accounts: every role × every organization page and API action."""

import pytest

from tests.isolation.fixtures import *  # noqa: F403
from tests.isolation.matrix import cells, check_cell, row

pytestmark = pytest.mark.django_db

# Outsiders (staff who are not members, other organizations, strangers) get 404: they
# cannot tell the organization exists. Members without the role get 403.
OUT = {"staff": 404, "other_org_admin": 404, "stranger": 404}
PAGE_ANON = {"anonymous": 302}
API_ANON = {"anonymous": 401}

TABLE = [
    row("get", "programs:org-home", {**OUT, **PAGE_ANON, "*": 200}),
    row("get", "accounts:org-members", {**OUT, **PAGE_ANON, "*": 403, "admin": 200}),
    row(
        "post",
        "accounts:org-members",
        {**OUT, **PAGE_ANON, "*": 403, "admin": 405},
        data={"email": "stranger@nowhere.test", "role": "mentor"},
    ),
    row(
        "post",
        "accounts:org-member-role",
        {**OUT, **PAGE_ANON, "*": 403, "admin": 302},
        data={"role": "coordinator"},
        member=...,
    ),
    row(
        "post",
        "accounts:org-member-remove",
        {**OUT, **PAGE_ANON, "*": 403, "admin": 302},
        member=...,
    ),
    row("get", "api:organization", {**OUT, **API_ANON, "*": 200}),
    row("get", "api:members-list", {**OUT, **API_ANON, "*": 200}),
    row("get", "api:members-detail", {**OUT, **API_ANON, "*": 200}, member=...),
    row(
        "post",
        "api:members-list",
        {**OUT, **API_ANON, "*": 405},
        data={"email": "stranger@nowhere.test", "role": "mentor"},
    ),
    row(
        "patch",
        "api:members-detail",
        {**OUT, **API_ANON, "*": 403, "admin": 200},
        data={"role": "coordinator"},
        member=...,
    ),
    row("delete", "api:members-detail", {**OUT, **API_ANON, "*": 403, "admin": 204}, member=...),
    # Invitations and join requests: admins only.
    row(
        "post",
        "accounts:org-invitation-create",
        {**OUT, **PAGE_ANON, "*": 403, "admin": 302},
        data={"email": "someone.new@nowhere.test", "role": "mentor"},
    ),
    row(
        "post",
        "accounts:org-invitation-resend",
        {**OUT, **PAGE_ANON, "*": 403, "admin": 302},
        invitation=...,
    ),
    row(
        "post",
        "accounts:org-invitation-revoke",
        {**OUT, **PAGE_ANON, "*": 403, "admin": 302},
        invitation=...,
    ),
    row(
        "post",
        "accounts:org-join-request-approve",
        {**OUT, **PAGE_ANON, "*": 403, "admin": 302},
        join_request=...,
    ),
    row(
        "post",
        "accounts:org-join-request-decline",
        {**OUT, **PAGE_ANON, "*": 403, "admin": 302},
        data={"reason": "We are full this term."},
        join_request=...,
    ),
    row("get", "api:org-invitations-list", {**OUT, **API_ANON, "*": 403, "admin": 200}),
    row(
        "post",
        "api:org-invitations-list",
        {**OUT, **API_ANON, "*": 403, "admin": 201},
        data={"email": "someone.new@nowhere.test", "role": "mentor"},
    ),
    row(
        "get",
        "api:org-invitations-detail",
        {**OUT, **API_ANON, "*": 403, "admin": 200},
        invitation=...,
    ),
    row(
        "post",
        "api:org-invitations-resend",
        {**OUT, **API_ANON, "*": 403, "admin": 200},
        invitation=...,
    ),
    row(
        "post",
        "api:org-invitations-revoke",
        {**OUT, **API_ANON, "*": 403, "admin": 200},
        invitation=...,
    ),
    row("get", "api:org-join-requests-list", {**OUT, **API_ANON, "*": 403, "admin": 200}),
    row(
        "get",
        "api:org-join-requests-detail",
        {**OUT, **API_ANON, "*": 403, "admin": 200},
        join_request=...,
    ),
    row(
        "post",
        "api:org-join-requests-approve",
        {**OUT, **API_ANON, "*": 403, "admin": 200},
        join_request=...,
    ),
    row(
        "post",
        "api:org-join-requests-decline",
        {**OUT, **API_ANON, "*": 403, "admin": 200},
        data={"reason": "We are full this term."},
        join_request=...,
    ),
]


@pytest.mark.parametrize(("cell", "role"), cells(TABLE))
def test_accounts_role_matrix(shared_world, role_clients, cell, role):
    check_cell(shared_world, role_clients, cell, role)
