"""Demo data of the review area: aurora's open term (Kernel Mentorship, current cycle) gets
40 submitted applicants with varied profiles and answers, reviews by its two mentors and
the coordinator, and one declared conflict. Idempotent: each applicant, review and
conflict is looked up first and made only when missing.

Logins (password as every demo login): mentor.aurora@example.org and
mentor2.aurora@example.org (both mentors of the term), coordinator.aurora@example.org,
admin.aurora@example.org."""

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django_scopes import scope

from accounts.organizations.models import Membership, Organization, Role
from accounts.people.demo import DEMO_PASSWORD
from accounts.people.models import MenteeProfile, User
from accounts.people.services import mentee_profile_update
from applications.apply.demo import complete_prerequisites
from applications.apply.models import Application, ApplicationState
from applications.apply.services.transitions import application_transition
from applications.review.models import ConflictOfInterest, Review
from applications.review.services import conflict_declare, review_save
from programs.prerequisites.models import Prerequisite
from programs.terms.models import Term, TermMentor
from programs.terms.services.mentors import term_mentor_add

SECOND_MENTOR = ("mentor2.aurora@example.org", "Moe Mentor")
FIRST_NAMES = [
    "Aisha", "Bruno", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Jun",
    "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sanjay", "Tomas",
    "Uma", "Vikram", "Wen", "Ximena", "Yusuf", "Zara", "Arjun", "Bea", "Carlos", "Dmitri",
    "Elif", "Femi", "Gita", "Hugo", "Ines", "Jonas", "Kemi", "Luis", "Mei", "Noor",
]  # fmt: skip
LAST_NAMES = ["Okafor", "Silva", "Wang", "Patel", "Novak", "Kim", "Haddad", "Garcia"]
COUNTRIES = ["NG", "BR", "CN", "IN", "CZ", "KR", "LB", "MX", "KE", "DE", "US", "ID"]
SKILLS = ["C", "Linux kernel", "Git", "Python", "Rust", "Go", "Shell", "eBPF"]
MOTIVATIONS = [
    "I fixed a race in a USB driver last summer and want to learn the review process.",
    "My university course on operating systems made me curious about the scheduler.",
    "I maintain a small file system tool and would like to upstream my first patch.",
    "I want to move from application development to systems programming.",
    "Kernel documentation is my way in: I have sent three doc fixes already.",
]
AVAILABILITY = ["40 hours a week", "35 hours a week", "Full time from June", "30 hours a week"]
COUNT = 40


def _person(email: str, name: str, password_hash: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        # One hash for every demo applicant: hashing forty passwords would take seconds.
        user = User.objects.create(email=email, password=password_hash, display_name=name)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _second_mentor(aurora: Organization, term: Term, password_hash: str) -> User:
    email, name = SECOND_MENTOR
    user = _person(email, name, password_hash)
    with scope(organization=aurora):
        Membership.objects.get_or_create(
            organization=aurora, user=user, defaults={"role": Role.MENTOR}
        )
    user._organization_roles = None  # the membership may be new
    with scope(organization=aurora):
        if not TermMentor.objects.filter(term=term, user=user).exists():
            term_mentor_add(term=term, actor=None, user=user)
    return user


def _profile(user: User, rng: random.Random, index: int) -> None:
    if MenteeProfile.objects.filter(user=user).exists():
        return
    skills = rng.sample(SKILLS, k=rng.randint(2, 4))
    mentee_profile_update(
        user=user,
        actor=user,
        adult_attested=True,
        legal_name=user.display_name,
        country=COUNTRIES[index % len(COUNTRIES)],
        date_of_birth=datetime.date(1995 + index % 9, 1 + index % 12, 1 + index % 27),
        bio=f"{user.display_name} studies computer science and contributes to open source.",
        skills=[
            {"name": s, "level": rng.choice(["beginner", "intermediate", "advanced"])}
            for s in skills
        ],
        github_url=f"https://github.com/demo-applicant-{index:02d}",
    )


def _application(user, term, rng, index, prerequisites) -> Application:
    application = Application.objects.filter(term=term, applicant=user).first()
    if application is not None:
        return application
    application = Application.objects.create(
        organization=term.organization,
        term=term,
        cycle=term.cycle,
        applicant=user,
        cover_letter=f"{MOTIVATIONS[index % len(MOTIVATIONS)]} Availability: "
        f"{AVAILABILITY[index % len(AVAILABILITY)]}.",
        mentee_rank=1,
    )
    # Every prerequisite answered (the required ones must be, to be submitted); a file
    # answer is the applicant's profile resume.
    complete_prerequisites(application, when=application.created_at)
    return application_transition(
        application=application, to_state=ApplicationState.SUBMITTED, actor=user
    )


def _review(application, reviewer, rng) -> int:
    if Review.objects.filter(application=application, reviewer=reviewer).exists():
        return 0
    if ConflictOfInterest.objects.filter(application=application, reviewer=reviewer).exists():
        return 0
    if rng.random() < 0.08:
        review_save(
            application=application,
            reviewer=reviewer,
            not_acceptable=True,
            notes="The coding challenge was copied from another applicant.",
        )
        return 1
    base = rng.randint(2, 5)
    scores = {k: max(1, min(5, base + rng.randint(-1, 1))) for k in ("skills", "motivation")}
    scores.update(
        {k: max(1, min(5, base + rng.randint(-1, 1))) for k in ("communication", "availability")}
    )
    review_save(
        application=application,
        reviewer=reviewer,
        notes=rng.choice(["", "Strong patches on the list.", "Needs more C experience.", ""]),
        **scores,
    )
    return 1


@transaction.atomic
def load_demo() -> dict[str, int]:
    created = {"review applicants": 0, "reviews": 0, "conflicts": 0}
    aurora = Organization.objects.filter(slug="aurora").first()
    if aurora is None:
        return created
    with scope(organization=aurora):
        term = (
            Term.objects.filter(
                organization=aurora,
                program__slug="kernel-mentorship",
                cycle__name="Current cycle",
            )
            .select_related("cycle", "organization")
            .first()
        )
    mentor = User.objects.filter(email="mentor.aurora@example.org").first()
    coordinator = User.objects.filter(email="coordinator.aurora@example.org").first()
    if term is None or mentor is None or coordinator is None:
        return created
    rng = random.Random(2027)
    password_hash = make_password(DEMO_PASSWORD)
    second = _second_mentor(aurora, term, password_hash)
    with scope(organization=aurora):
        prerequisites = list(
            Prerequisite.objects.filter(organization=aurora).filter(
                Q(term=term) | Q(term__isnull=True)
            )
        )
        applications = []
        for index in range(COUNT):
            first, last = FIRST_NAMES[index], LAST_NAMES[index % len(LAST_NAMES)]
            email = f"{first.lower()}.{last.lower()}@applicants.example.org"
            user = _person(email, f"{first} {last}", password_hash)
            _profile(user, rng, index)
            before = Application.objects.filter(term=term, applicant=user).exists()
            applications.append(_application(user, term, rng, index, prerequisites))
            created["review applicants"] += not before
        # The demo mentee (mentee@example.org, with a resume) applies too, unless the mentee
        # area's demo already made her an application here.
        mina = User.objects.filter(email="mentee@example.org").first()
        if mina is not None and MenteeProfile.objects.filter(user=mina).exists():
            before = Application.objects.filter(term=term, applicant=mina).exists()
            applications.append(_application(mina, term, rng, COUNT, prerequisites))
            created["review applicants"] += not before
        applications = [a for a in applications if a.state == ApplicationState.SUBMITTED]
        # The declared conflict: the second mentor's former colleague.
        conflicted = applications[5]
        if not ConflictOfInterest.objects.filter(application=conflicted, reviewer=second).exists():
            conflict_declare(
                application=conflicted,
                reviewer=second,
                kind="employer",
                note="We worked in the same team until last year.",
            )
            created["conflicts"] += 1
        # The first mentor is halfway, the second a third of the way, the coordinator
        # reviewed most: the progress bar shows who is behind.
        for index, application in enumerate(applications):
            if index % 2 == 0:
                created["reviews"] += _review(application, mentor, rng)
            if index % 3 == 0:
                created["reviews"] += _review(application, second, rng)
            if index % 5 != 4:
                created["reviews"] += _review(application, coordinator, rng)
            if index % 6 == 1 and not application.shortlisted:
                Application.objects.filter(pk=application.pk).update(shortlisted=True)
    return created
