"""Issue 13, finding 4: the OpenAPI schema tells the truth about responses: every operation
declares its error statuses with the shared error body (core/schema.py, for every endpoint
without per-view code), blank URL fields and blank countries are allowed, a relation that may
be missing is nullable, and an action returning a plain list is not documented as paginated."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return json.loads(Client().get("/api/schema/?format=json").content)


def operation(schema, path, method):
    return schema["paths"][path][method]


def ref(response):
    return response["content"]["application/json"]["schema"]["$ref"]


def test_every_operation_declares_401_and_its_errors_with_the_shared_body(schema):
    for path, item in schema["paths"].items():
        for method, op in item.items():
            responses = op["responses"]
            assert "401" in responses, f"{method} {path}"
            for code, response in responses.items():
                if code >= "400":
                    assert ref(response).endswith(("/Error", "/ValidationError")), (
                        f"{method} {path} {code}"
                    )


def test_deleting_declares_409_and_an_org_list_its_errors(schema):
    delete = operation(schema, "/api/v1/orgs/{org}/prerequisites/{prerequisite}/", "delete")
    assert {"401", "403", "404", "409"} <= set(delete["responses"])
    listing = operation(schema, "/api/v1/orgs/{org}/members/", "get")
    assert {"400", "401", "403", "404"} <= set(listing["responses"])
    assert ref(listing["responses"]["400"]).endswith("/ValidationError")
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_idempotent_actions_declare_422(schema):
    declaring = [
        (path, method)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if any(p["name"] == "Idempotency-Key" for p in op.get("parameters", []))
    ]
    assert declaring
    for path, method in declaring:
        assert "422" in operation(schema, path, method)["responses"], f"{method} {path}"


def test_decision_history_is_a_plain_list(schema):
    response = operation(schema, "/api/v1/orgs/{org}/decisions/{application}/history/", "get")
    body = response["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["type"] == "array"
    assert not any(p["name"] == "page" for p in response.get("parameters", []))


def test_blank_urls_blank_countries_and_missing_organizations_are_declared(schema):
    components = schema["components"]["schemas"]
    for component, field in [
        ("MenteeProfile", "github_url"),
        ("Program", "website_url"),
        ("NewOrganizationRequest", "website"),
    ]:
        options = components[component]["properties"][field]["anyOf"]
        assert {"type": "string", "enum": [""]} in options, (component, field)
    country = components["MenteeProfile"]["properties"]["country"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in country["oneOf"]
    assert components["NewOrganizationRequest"]["properties"]["organization"]["nullable"]


def test_errors_of_a_csv_export_are_json_as_documented(org_a):
    """The reviewers' CSV export documents JSON errors; asking for CSV must not turn a 401
    or 404 into CSV."""
    from tests.conftest import api_client_for

    url = f"/api/v1/orgs/{org_a.organization.slug}/review/terms/100000/applicants.csv?format=csv"
    anonymous = Client().get(url)
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"] == "application/json"
    missing = api_client_for(org_a.admin).get(url)
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/json"
    assert "detail" in missing.json()
