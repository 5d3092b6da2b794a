"""Test data for the review area: applicants with profiles, and many of them at once
(bulk inserts) for query-count tests and bench/review_dashboard.py."""

import random
from decimal import Decimal

from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.people.models import MenteeProfile, User
from applications.apply.models import Application, PrerequisiteAnswer
from applications.review.models import Review
from applications.review.services import term_review_aggregates_recount
from programs.prerequisites.models import Prerequisite
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory

SKILLS = ["Python", "C", "Go", "Rust", "Git", "Kubernetes", "Linux kernel", "JavaScript"]
COUNTRIES = ["IN", "BR", "NG", "US", "DE", "CN", "KE", "GB"]


def make_applicant(
    term,
    *,
    name: str,
    country: str = "IN",
    skills=("Python",),
    state: str = "submitted",
    cover_letter: str = "I would love to work on this.",
    email: str | None = None,
) -> Application:
    """A submitted application of a new person with a complete-looking profile."""
    user = UserFactory(display_name=name, **({"email": email} if email else {}))
    MenteeProfile.objects.create(
        user=user,
        legal_name=name,
        country=country,
        bio=f"{name} likes open source.",
        skills=[{"name": s, "level": "intermediate"} for s in skills],
    )
    return ApplicationFactory(term=term, applicant=user, state=state, cover_letter=cover_letter)


def _score(values) -> Decimal:
    return (Decimal(sum(values)) / 4).quantize(Decimal("0.01"))


@scopes_disabled()
def load_applicants(term, count: int, *, reviewers=(), seed: int = 7, prefix: str = "bulk"):
    """`count` submitted applicants in `term` with profiles, one text answer each, and a
    review by each of `reviewers` (bulk inserts: seconds for a thousand)."""
    rng = random.Random(seed)
    now = timezone.now()
    organization = term.organization
    users = User.objects.bulk_create(
        [
            User(email=f"{prefix}{i}@applicants.test", display_name=f"Applicant {prefix} {i:04d}")
            for i in range(count)
        ]
    )
    MenteeProfile.objects.bulk_create(
        [
            MenteeProfile(
                user=user,
                legal_name=user.display_name,
                country=rng.choice(COUNTRIES),
                bio="Student and contributor.",
                skills=[{"name": s, "level": "intermediate"} for s in rng.sample(SKILLS, k=3)],
            )
            for user in users
        ]
    )
    applications = Application.objects.bulk_create(
        [
            Application(
                organization=organization,
                term=term,
                cycle=term.cycle,
                applicant=user,
                state="submitted",
                cover_letter=f"Cover letter {i}: I want to learn.",
                submitted_at=now,
                shortlisted=(i % 10 == 0),
            )
            for i, user in enumerate(users)
        ]
    )
    prerequisite = Prerequisite.objects.filter(term=term, kind="cover_letter").first()
    if prerequisite is None:
        prerequisite = Prerequisite.objects.create(
            organization=organization,
            term=term,
            kind="cover_letter",
            title="Cover letter",
            answer_type="text",
        )
    PrerequisiteAnswer.objects.bulk_create(
        [
            PrerequisiteAnswer(
                organization=organization,
                application=application,
                prerequisite=prerequisite,
                text=f"My motivation number {i}.",
                completed_at=now if i % 3 else None,
            )
            for i, application in enumerate(applications)
        ]
    )
    reviews = []
    for application in applications:
        for reviewer in reviewers:
            values = [rng.randint(1, 5) for _ in range(4)]
            reviews.append(
                Review(
                    organization=organization,
                    application=application,
                    term=term,
                    reviewer=reviewer,
                    skills=values[0],
                    motivation=values[1],
                    communication=values[2],
                    availability=values[3],
                    score=_score(values),
                    notes=f"Notes by {reviewer.email}",
                )
            )
    Review.objects.bulk_create(reviews, batch_size=2000)
    term_review_aggregates_recount(term=term)
    return applications


class ReviewWorld:
    """Organization A's term under review (mentor: A's mentor) and another term of A with
    its own mentor; a term of organization B in the same cycle."""

    def __init__(self, org_a, org_b, cycle):
        from accounts.organizations.models import Role
        from tests.factories.accounts import MembershipFactory
        from tests.factories.programs import ProgramFactory, make_term

        self.a, self.b, self.cycle = org_a, org_b, cycle
        program = ProgramFactory(organization=org_a.organization, name="Kernel Mentorship")
        self.term = make_term(program, cycle, primary_mentor=org_a.mentor)
        self.other_mentor = UserFactory(email="other.mentor@alpha.test", display_name="Otto")
        MembershipFactory(organization=org_a.organization, user=self.other_mentor, role=Role.MENTOR)
        other_program = ProgramFactory(organization=org_a.organization, name="Rust Mentorship")
        self.other_term = make_term(other_program, cycle, primary_mentor=self.other_mentor)
        program_b = ProgramFactory(organization=org_b.organization, name="Beta Cloud")
        self.term_b = make_term(program_b, cycle, primary_mentor=org_b.mentor)

    @property
    def slug(self) -> str:
        return self.a.organization.slug
