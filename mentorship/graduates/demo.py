"""Demo of the graduates slice (idempotent, through the services): `employer@example.org`
acts for an approved employer, Nimbus Robotics; `graduate@example.org` has an
employers-only profile with an accepted endorsement from their mentor and shows their
resume (a PDF on their mentee profile) to approved employers;
`alumna@example.org` has a public profile; `recruiter@example.org` asked for an employer
account that waits for staff."""

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.people.demo import tiny_pdf
from accounts.people.models import User
from accounts.people.services import mentee_resume_set
from mentorship.graduates import selectors
from mentorship.graduates.models import Endorsement
from mentorship.graduates.services import employers as employers_services
from mentorship.graduates.services import endorsements as endorsements_services
from mentorship.graduates.services import profiles as profiles_services

PROFILES = {
    "graduate@example.org": {
        "display_name": "Gus Graduate",
        "headline": "Linux device drivers, upstreamed",
        "skills": "C (advanced), Linux kernel (advanced), Rust (beginner)",
        "project_summary": "Wrote and upstreamed a driver for a USB sensor family during "
        "Aurora's Kernel Mentorship.",
        "links": "https://example.org/gus",
        "open_to_work": True,
        "country": "DE",
        "remote": True,
        "visibility": "employers",
        "show_resume": True,
    },
    "alumna@example.org": {
        "display_name": "Alina Alumna",
        "headline": "Filesystem testing and CI",
        "skills": "Python (advanced), C (intermediate), CI pipelines",
        "project_summary": "Extended a filesystem test suite and its CI in the Kernel Mentorship.",
        "open_to_work": True,
        "country": "BR",
        "remote": True,
        "visibility": "public",
    },
}


def load_demo() -> dict[str, int]:
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    created = {"graduate_profiles": 0, "employers": 0}
    for email, fields in PROFILES.items():
        person = User.objects.filter(email=email).first()
        if person is None or not selectors.graduate_certificates(user=person):
            continue
        if selectors.profile_of(user=person) is None:
            if fields.get("show_resume") and not selectors.has_resume(user=person):
                pdf = tiny_pdf([fields["display_name"], "Resume", fields["skills"]])
                upload = SimpleUploadedFile("resume.pdf", pdf, "application/pdf")
                mentee_resume_set(user=person, upload=upload)
            profile = profiles_services.profile_save(user=person, **fields)
            profiles_services.profile_publish(profile=profile, actor=person)
            created["graduate_profiles"] += 1
    _endorse("graduate@example.org", "mentor.aurora@example.org")
    for email, name, approve in (
        ("employer@example.org", "Nimbus Robotics", True),
        ("recruiter@example.org", "Quarry Systems", False),
    ):
        person = User.objects.filter(email=email).first()
        if person is None or selectors.employer_of(user=person) is not None:
            continue
        employer = employers_services.employer_request_create(
            user=person,
            name=name,
            website=f"https://{name.split()[0].lower()}.example",
            contact=f"{person.name}, {email}",
            reason="We hire people who learned to work upstream in open-source communities.",
        )
        if approve and staff is not None:
            employers_services.employer_approve(employer=employer, actor=staff)
        created["employers"] += 1
    return created


def _endorse(graduate_email: str, mentor_email: str) -> None:
    graduate = User.objects.filter(email=graduate_email).first()
    mentor = User.objects.filter(email=mentor_email).first()
    if graduate is None or mentor is None or Endorsement.objects.filter(graduate=graduate).exists():
        return
    mentorship_id = selectors.graduated_mentorship_id(graduate=graduate, mentor=mentor)
    if mentorship_id is None:
        return
    endorsement = endorsements_services.endorsement_write(
        mentor=mentor,
        mentorship_public_id=mentorship_id,
        text="Gus took a driver from a datasheet to upstream in twelve weeks, and answered "
        "every review with care.",
    )
    endorsements_services.endorsement_accept(endorsement=endorsement, actor=graduate)
