"""Following a program (programs/follows): the button on its public page, the person's list
and API, and the reminder when a term's applications open (programs/follows/reminders.py), once,
to followers only."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.outbox.models import OutboxEmail
from core.reminders.services import reminder_sweep
from programs.follows.models import ProgramFollow
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db


def _follow_url(program):
    kwargs = {"org": program.organization.slug, "program": program.slug}
    return reverse("programs:program-follow", kwargs=kwargs)


def test_a_person_follows_and_unfollows_from_the_program_page(org_a):
    program = ProgramFactory(organization=org_a.organization, name="Kernel Mentorship")
    person = UserFactory()
    client = client_for(person)
    page = reverse(
        "programs:public-program",
        kwargs={"org": program.organization.slug, "program": program.slug},
    )
    assert "Follow this program" in client.get(page).content.decode()
    client.post(_follow_url(program))
    client.post(_follow_url(program))  # twice is once
    assert ProgramFollow.objects.filter(user=person, program=program).count() == 1
    assert "Unfollow" in client.get(page).content.decode()
    mine = client.get(reverse("programs:my-follows")).content.decode()
    assert "Kernel Mentorship" in mine
    client.post(_follow_url(program), {"following": "no"})
    assert not ProgramFollow.objects.exists()


def test_strangers_cannot_follow_an_unpublished_program_and_anonymous_must_sign_in(org_a):
    draft = ProgramFactory(organization=org_a.organization, status="draft")
    assert client_for(UserFactory()).post(_follow_url(draft)).status_code == 404
    assert client_for(None).post(_follow_url(draft)).status_code == 302
    assert not ProgramFollow.objects.exists()


def test_the_api_lists_and_sets_follows(org_a):
    program = ProgramFactory(organization=org_a.organization)
    person = UserFactory()
    api = api_client_for(person)
    url = reverse("api:my-follows")
    data = {"organization": org_a.organization.slug, "program": program.slug, "following": True}
    assert api.post(url, data, format="json").status_code == 200
    (row,) = api.get(url).json()
    assert row["program"] == program.slug
    missing = {**data, "program": "no-such-program"}
    assert api.post(url, missing, format="json").status_code == 404
    assert api.post(url, {"program": program.slug}, format="json").status_code == 400
    assert api_client_for(None).get(url).status_code in (401, 403)


def test_followers_hear_once_when_a_terms_applications_open(org_a, org_b):
    program = ProgramFactory(organization=org_a.organization, name="Kernel Mentorship")
    follower, bystander = UserFactory(timezone="Asia/Tokyo"), UserFactory()
    ProgramFollow.objects.create(user=follower, program=program)
    ProgramFollow.objects.create(
        user=bystander, program=ProgramFactory(organization=org_b.organization)
    )
    start = timezone.now().date() + timedelta(days=60)
    term = make_term(program, CycleFactory(), start=start)  # opens in the future
    OutboxEmail.objects.all().delete()
    with time_machine.travel(term.applications_open_at - timedelta(hours=1), tick=False):
        reminder_sweep(now=timezone.now())
    assert not OutboxEmail.objects.exists()
    with time_machine.travel(term.applications_open_at + timedelta(hours=1), tick=False):
        reminder_sweep(now=timezone.now())
        reminder_sweep(now=timezone.now())
    (mail,) = OutboxEmail.objects.all()
    assert mail.to == follower.email and "applications are open" in mail.subject
    assert "Asia/Tokyo" in mail.text_body and mail.headers.get("List-Unsubscribe")
