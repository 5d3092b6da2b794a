"""The services that change an organization's choices ask the named permission themselves,
so a page or an endpoint that forgot its gate still cannot let the wrong role through."""

import pytest
from django.core.exceptions import PermissionDenied
from django_scopes import scope

from accounts.organizations.models import OrganizationPolicy
from accounts.organizations.services import organization_policy_update
from applications.decisions.models import Offer
from applications.decisions.services.accept import program_texts_update, term_decline_unshortlisted
from mentorship.mentorships.models import Mentorship
from mentorship.mentorships.services import mentorship_end
from mentorship.offers.services import offer_confirm
from tests.applications.review_data import make_applicant
from tests.factories.decisions import accept, announced_cycle, term_in
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def term(org_a):
    program = ProgramFactory(organization=org_a.organization, name="Kernel Mentorship")
    return term_in(program, announced_cycle(), primary_mentor=org_a.mentor)


def test_only_admins_change_the_policy(org_a):
    for person in (org_a.coordinator, org_a.mentor):
        with scope(organization=org_a.organization), pytest.raises(PermissionDenied):
            organization_policy_update(
                organization=org_a.organization, actor=person, mentors_may_decide=True
            )
    with scope(organization=org_a.organization):
        assert not OrganizationPolicy.objects.filter(organization=org_a.organization).exists()


def test_only_admins_edit_decision_texts(org_a, term):
    with scope(organization=org_a.organization), pytest.raises(PermissionDenied):
        program_texts_update(program=term.program, actor=org_a.coordinator, decline_feedback="x")


def test_a_mentor_cannot_decline_in_bulk_even_where_mentors_may_decide(org_a, term):
    make_applicant(term, name="Bo Applicant")
    with scope(organization=org_a.organization):
        organization_policy_update(
            organization=org_a.organization, actor=org_a.admin, mentors_may_decide=True
        )
        with pytest.raises(PermissionDenied):
            term_decline_unshortlisted(term=term, actor=org_a.mentor)
        assert term_decline_unshortlisted(term=term, actor=org_a.coordinator)["declined"] == 1


def test_only_admins_end_a_mentorship(org_a, term):
    application = make_applicant(term, name="Mina Mentee")
    accept(application, org_a.admin)
    offer = Offer.objects.with_scopes_disabled().get(application=application)
    with scope(organization=org_a.organization):
        mentorship = offer_confirm(
            offer=offer, mentee=application.applicant, legal_name="M", agreed=True, ip=None
        )
        with pytest.raises(PermissionDenied):
            mentorship_end(mentorship=mentorship, actor=org_a.coordinator, reason="No")
        assert Mentorship.objects.get(pk=mentorship.pk).state == "active"
        assert mentorship_end(mentorship=mentorship, actor=org_a.admin, reason="Gone").state
