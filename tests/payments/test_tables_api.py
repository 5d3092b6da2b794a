"""Staff import a table version through the API, with a preview and a clear list of errors;
admins set a program's policy through the API."""

import pytest

from payments.tables.models import StipendTable
from tests.conftest import api_client_for
from tests.factories.payments import paid_program

pytestmark = pytest.mark.django_db

URL = "/api/v1/staff/stipend-tables/"


def test_preview_then_import(staff_user):
    client = api_client_for(staff_user)
    body = {
        "name": "2027",
        "effective_from": "2027-01-01",
        "csv": "country,tier,amount\nUS,6,6000\nZZ,1,3000\n",
    }
    bad = client.post(URL, {**body, "preview": True}, format="json")
    assert bad.status_code == 400
    assert bad.json()["errors"] == ["Line 3: 'ZZ' is not an ISO 3166 country code."]
    good = {**body, "csv": "country,tier,amount\nUS,6,6000\n"}
    preview = client.post(URL, {**good, "preview": True}, format="json")
    assert preview.status_code == 200 and preview.json()["table"] is None
    assert not StipendTable.objects.exists()
    created = client.post(URL, good, format="json", HTTP_IDEMPOTENCY_KEY="t1")
    assert created.status_code == 201
    assert client.get(URL).json()[0]["rates"] == [{"country": "US", "tier": 6, "amount": "6000.00"}]


def test_admin_sets_a_policy_through_the_api(org_a):
    program = paid_program(org_a)
    client = api_client_for(org_a.admin)
    url = f"/api/v1/orgs/{org_a.organization.slug}/stipend-policies/"
    body = {
        "program": program.slug,
        "kind": "flat",
        "flat_amount": "999.99",
        "schedule": [
            {"checkpoint": "evaluation_1", "percent": 25},
            {"checkpoint": "midterm", "percent": 25},
            {"checkpoint": "evaluation_3", "percent": 25},
            {"checkpoint": "final", "percent": 25},
        ],
    }
    response = client.post(url, body, format="json")
    assert response.status_code == 200, response.content
    assert len(response.json()["schedule"]) == 4
    bad = client.post(url, {**body, "schedule": body["schedule"][:1]}, format="json")
    assert bad.status_code == 400
    assert "Give 2 to 4 installments." in str(bad.json())


def test_staff_page_previews_then_imports(staff_user):
    from tests.conftest import client_for

    client = client_for(staff_user)
    body = {
        "name": "2028",
        "effective_from": "2028-01-01",
        "currency": "USD",
        "csv": "country,tier,amount\nUS,6,6000\nDE,x,1\n",
    }
    page = client.post("/staff/stipend-tables/", {**body, "preview": ""}).content.decode()
    assert "Line 3: the tier is a whole number from 1 to 10." in page
    assert not StipendTable.objects.exists()
    clean = {**body, "csv": "country,tier,amount\nUS,6,6000\n"}
    response = client.post("/staff/stipend-tables/", {**clean, "import": ""})
    assert response.status_code == 302
    assert StipendTable.objects.get().rates.count() == 1


def test_admin_policy_page_saves_and_shows_errors(org_a):
    from tests.conftest import client_for

    program = paid_program(org_a)
    client = client_for(org_a.admin)
    url = f"/o/{org_a.organization.slug}/stipend-policies/"
    body = {
        "program": program.pk,
        "kind": "flat",
        "flat_amount": "1000.01",
        "currency": "USD",
        "part_time_percent": 100,
        "schedule": "evaluation_1:33, midterm:33, final:33",
    }
    page = client.post(url, body).content.decode()
    assert "The percents must sum to 100." in page
    assert client.post(url, {**body, "schedule": "evaluation_1:33, midterm:33, final:34"})[
        "Location"
    ].endswith("/stipend-policies/")
    assert "33 % after evaluation_1" in client.get(url).content.decode()
