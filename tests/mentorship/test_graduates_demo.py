"""The demo gives every graduates role something to do: an approved employer, an
employers-only profile with an endorsement, a public one, a pending employer request."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.people.models import User
from mentorship.graduates.models import Employer, EmployerStatus, Endorsement, GraduateProfile
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_demo_graduates_and_employers_are_as_the_readme_says():
    call_command("load_demo")
    counts = (
        GraduateProfile.objects.count(),
        Employer.objects.count(),
        Endorsement.objects.count(),
    )
    call_command("load_demo")
    assert (
        GraduateProfile.objects.count(),
        Employer.objects.count(),
        Endorsement.objects.count(),
    ) == counts
    graduate = GraduateProfile.objects.get(user__email="graduate@example.org")
    assert graduate.is_published and graduate.visibility == "employers"
    assert Endorsement.objects.get(graduate=graduate.user).accepted_at is not None
    alumna = GraduateProfile.objects.get(user__email="alumna@example.org")
    assert alumna.is_published and alumna.visibility == "public"
    assert Employer.objects.get(requested_by__email="employer@example.org").status == (
        EmployerStatus.APPROVED
    )
    assert Employer.objects.get(requested_by__email="recruiter@example.org").status == (
        EmployerStatus.PENDING
    )
    employer = client_for(User.objects.get(email="employer@example.org"))
    page = employer.get(reverse("mentorship:employer-directory"), {"q": "driver"})
    assert b"Gus Graduate" in page.content
    shown = employer.get(
        reverse("mentorship:employer-profile", kwargs={"profile": graduate.public_id})
    )
    assert graduate.show_resume and b"resume (PDF)" in shown.content
    public = client_for(None).get(reverse("mentorship:graduates")).content
    assert b"Alina Alumna" in public and b"Gus Graduate" not in public


def test_the_start_page_gives_the_employer_the_graduate_and_staff_their_to_dos():
    call_command("load_demo")
    employer = client_for(User.objects.get(email="employer@example.org")).get(reverse("home"))
    assert b"Find graduates" in employer.content and b"For Nimbus Robotics" in employer.content
    graduate = client_for(User.objects.get(email="graduate@example.org")).get(reverse("home"))
    assert b"As a graduate" in graduate.content
    staff = client_for(User.objects.get(email="staff@example.org")).get(reverse("home"))
    assert b"asking for an employer account" in staff.content
