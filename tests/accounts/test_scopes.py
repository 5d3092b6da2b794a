import pytest
from django_scopes import ScopeError, scope

from accounts.organizations.models import Membership
from core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Membership, AuditEvent])
def test_a_query_on_a_tenant_model_without_a_scope_raises(model):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(pk=1).exists()
    with pytest.raises(ScopeError):
        model.objects.count()


def test_inside_a_scope_only_that_organizations_rows_are_reachable(org_a, org_b):
    with scope(organization=org_a.organization):
        emails = set(
            Membership.objects.filter(organization=org_a.organization).values_list(
                "user__email", flat=True
            )
        )
    assert emails == {"admin@alpha.test", "coordinator@alpha.test", "mentor@alpha.test"}
