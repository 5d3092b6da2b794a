import pytest

from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db


def test_a_nul_byte_in_a_query_parameter_is_a_400_not_a_500(client, staff_user):
    assert client.get("/programs/?q=ker%00nel").status_code == 400
    api = api_client_for(staff_user)
    assert api.get("/api/v1/staff/programs/?status=%00").status_code == 400


def test_an_unknown_program_status_filter_is_a_field_error(staff_user):
    response = api_client_for(staff_user).get("/api/v1/staff/programs/?status=bogus")
    assert response.status_code == 400
    assert "status" in response.json()
