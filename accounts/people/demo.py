"""Demo data of people: the demo mentee's complete profile with a resume PDF and
a mentor profile for each demo mentor. Idempotent: loading twice changes nothing."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.annotations import FreeText

from accounts.people.models import MenteeProfile, MentorProfile, User
from accounts.people.services import mentee_profile_update, mentee_resume_set, mentor_profile_update

# Every demo login has this password (README.md lists the logins).
DEMO_PASSWORD = "demo-password"


def tiny_pdf(lines: list[str], *, title: str = "Resume") -> bytes:
    """A small valid one-page PDF showing `lines`, made with pypdf."""
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_annotation(
        page_number=0,
        annotation=FreeText(text="\n".join(lines), rect=(72, 560, 540, 720), font_size="14pt"),
    )
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


MENTEE_EMAIL = "mentee@example.org"
MENTEE_PROFILE = {
    "legal_name": "Mina Example Mentee",
    "pronouns": "she/her",
    "country": "IN",
    "date_of_birth": "2001-04-12",
    "github_url": "https://github.com/mina-mentee",
    "linkedin_url": "https://www.linkedin.com/in/mina-mentee",
    "bio": "Computer science student who maintains a small CLI tool and wants to contribute "
    "to kernel and cloud-native projects.",
    "skills": [
        {"name": "Python", "level": "advanced"},
        {"name": "C", "level": "intermediate"},
        {"name": "Git", "level": "advanced"},
    ],
    "skills_to_grow": ["Rust", "Kubernetes", "Linux kernel"],
}
MENTORS = {
    "mentor.aurora@example.org": {
        "bio": "Kernel maintainer for storage drivers; mentoring since 2019.",
        "skills": ["C", "Linux kernel", "code review"],
        "github_url": "https://github.com/max-mentor",
    },
    "mentor.borealis@example.org": {
        "bio": "Cloud-native engineer working on controllers and operators.",
        "skills": ["Go", "Kubernetes", "testing"],
        "github_url": "https://github.com/mia-mentor",
    },
}


def load_demo() -> dict[str, int]:
    created = {"profiles": 0}
    mentee = User.objects.filter(email=MENTEE_EMAIL).first()
    if mentee is not None and not MenteeProfile.objects.filter(user=mentee).exists():
        fields = dict(MENTEE_PROFILE)
        fields["date_of_birth"] = datetime.date.fromisoformat(fields["date_of_birth"])
        mentee_profile_update(user=mentee, actor=mentee, adult_attested=True, **fields)
        pdf = tiny_pdf(["Mina Mentee", "Resume", "Python, C, Git"], title="Mina Mentee resume")
        upload = SimpleUploadedFile("mina-mentee-resume.pdf", pdf, "application/pdf")
        mentee_resume_set(user=mentee, upload=upload)
        created["profiles"] += 1
    for email, fields in MENTORS.items():
        mentor = User.objects.filter(email=email).first()
        if mentor is not None and not MentorProfile.objects.filter(user=mentor).exists():
            mentor_profile_update(user=mentor, actor=mentor, **fields)
            created["profiles"] += 1
    return created
