import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from accounts.organizations.models import Membership, Organization
from accounts.people.demo import DEMO_PASSWORD
from accounts.people.models import User
from config.demo import PEOPLE


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


@pytest.mark.django_db
def test_demo_programs_and_terms_are_in_the_phases_the_demo_promises():
    from programs.programs.models import Program, ProgramStatus
    from programs.terms.models import Term
    from programs.terms.timeline import Phase, term_phase

    call_command("load_demo")
    with scopes_disabled():
        terms = {
            (t.program.organization.slug, t.program.slug, t.cycle.name): term_phase(t)
            for t in Term.objects.select_related("program__organization", "cycle")
        }
        waiting = Program.objects.filter(status=ProgramStatus.SUBMITTED)
        assert [(p.organization.slug, p.slug) for p in waiting] == [("aurora", "ebpf-tooling")]
        previous = Term.objects.get(cycle__name="Previous cycle")
        from django.utils import timezone

        assert previous.milestone("midterm").at < timezone.now()  # past its midterm
    assert terms == {
        ("aurora", "kernel-mentorship", "Current cycle"): Phase.ACCEPTING,
        ("aurora", "rust-for-linux", "Current cycle"): Phase.REVIEWING,
        ("aurora", "rust-for-linux", "Matched cycle"): Phase.REVIEWING,
        ("borealis", "service-mesh", "Matched cycle"): Phase.REVIEWING,
        ("borealis", "cloud-native-contributors", "Current cycle"): Phase.ACCEPTING,
        ("borealis", "cloud-native-contributors", "Previous cycle"): Phase.IN_PROGRESS,
        ("aurora", "kernel-mentorship", "Earlier cycle"): Phase.FINISHED,
    }
    with scopes_disabled():
        counts = (Program.objects.count(), Term.objects.count())
    call_command("load_demo")
    with scopes_disabled():
        assert (Program.objects.count(), Term.objects.count()) == counts


@pytest.mark.django_db
def test_demo_data_tells_one_coherent_story():
    """No submission dated in the future, and every submitted or accepted application has
    the prerequisites needed to submit."""
    from django.utils import timezone

    from applications.apply.models import Application, ApplicationState
    from applications.apply.selectors.prerequisites import application_prerequisite_rows

    call_command("load_demo")
    now = timezone.now()
    with scopes_disabled():
        applications = list(
            Application.objects.filter(
                state__in=[ApplicationState.SUBMITTED, ApplicationState.ACCEPTED]
            ).select_related("term__program", "applicant")
        )
        assert applications
        for application in applications:
            assert application.submitted_at <= now, application
            missing = [
                row.prerequisite.title
                for row in application_prerequisite_rows(application=application, now=now)
                if row.required_to_submit and not row.done
            ]
            assert not missing, (application.applicant.email, application.term, missing)
