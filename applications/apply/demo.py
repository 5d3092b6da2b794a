"""Demo data of the mentee area, for mentee@example.org in the current cycle:

- a draft to aurora's Kernel Mentorship (accepting applications; its resume still missing);
- a submitted application to borealis' Cloud Native Contributors (accepting applications);
- a submitted application to aurora's Rust for Linux, whose applications closed five days
  ago (it is in review): it is written as it was then, submitted the day before the close;
- the two submitted ones ranked, borealis first.

Applications to open terms go through the services (the demo obeys the rules); the one to
the closed term is backdated through the state machine. Loading twice changes nothing."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope

from accounts.people.demo import MENTEE_EMAIL, tiny_pdf
from accounts.people.models import MenteeProfile, User
from accounts.people.services import mentee_resume_set
from applications.apply.models import Application, ApplicationState, PrerequisiteAnswer
from applications.apply.selectors.prerequisites import (
    application_prerequisite_rows,
    term_prerequisites,
)
from applications.apply.services import answers as services_answers
from applications.apply.services import common as services_common
from applications.apply.services import ranking as services_ranking
from applications.apply.services import submit as services
from applications.apply.services.transitions import application_transition
from core.tenancy import cross_tenant
from core.uploads.models import StoredFile
from programs.prerequisites.models import AnswerType
from programs.terms.models import Term

S = ApplicationState
COVER_LETTERS = {
    "kernel-mentorship": "I have been reading the storage drivers for a year and sent two "
    "small documentation fixes. I would love to learn the review process from a maintainer.",
    "cloud-native-contributors": "I run a small Kubernetes cluster at university and wrote an "
    "operator for it; I want to contribute to the scheduler.",
    "rust-for-linux": "Rust in the kernel is where I want to grow: I wrote a toy driver in "
    "Rust and would like to learn how abstractions are reviewed upstream.",
}


@cross_tenant
def _term(org: str, slug: str) -> Term | None:
    """The demo's term of a program in the current cycle. Cross-tenant because the demo
    seeds several organizations; filtered by organization slug and program slug."""
    return (
        Term.objects.filter(
            program__organization__slug=org, program__slug=slug, cycle__name="Current cycle"
        )
        .select_related("program__organization", "cycle", "organization")
        .first()
    )


@cross_tenant
def _submitted_count(mentee: User, cycle) -> int:
    """How many applications the demo mentee submitted in the cycle. Cross-tenant because
    the mentee applies to two organizations; filtered by applicant and cycle, a count."""
    return Application.objects.filter(applicant=mentee, cycle=cycle, state=S.SUBMITTED).count()


@cross_tenant
def _submitted_ids(mentee: User, terms: list[Term]) -> dict:
    """{term id: public id} of the demo mentee's submitted applications to the terms.
    Cross-tenant because the terms belong to two organizations; filtered by applicant."""
    return {
        a.term_id: a.public_id
        for a in Application.objects.filter(applicant=mentee, term__in=terms, state=S.SUBMITTED)
    }


def _resume() -> SimpleUploadedFile:
    pdf = tiny_pdf(["Mina Mentee", "Resume", "Python, C, Git"], title="Mina Mentee resume")
    return SimpleUploadedFile("mina-mentee-resume.pdf", pdf, "application/pdf")


def _values(kind: str, slug: str) -> dict:
    if kind == AnswerType.TEXT:
        return {"text": "Yes, my university allows it."}
    if kind == AnswerType.URL:
        return {"url": f"https://github.com/mina-mentee/{slug}-challenge"}
    return {"upload": _resume()}


def _exists(mentee: User, term: Term) -> bool:
    return Application.objects.filter(
        term=term, applicant=mentee, state__in=[S.DRAFT, S.SUBMITTED]
    ).exists()


def _apply_now(mentee: User, term: Term, *, submit: bool) -> int:
    with scope(organization=term.organization):
        if _exists(mentee, term):
            return 0
        application = services_common.application_start(user=mentee, term=term)
        services_answers.application_draft_update(
            application=application, actor=mentee, cover_letter=COVER_LETTERS[term.program.slug]
        )
        for row in application_prerequisite_rows(application=application):
            kind = row.prerequisite.answer_type
            if not submit and kind == AnswerType.FILE:
                continue  # the draft still misses its file: something left to do
            services_answers.prerequisite_answer_save(
                application=application,
                actor=mentee,
                prerequisite_id=row.prerequisite.pk,
                **_values(kind, term.program.slug),
            )
        if submit:
            services.application_submit(application=application, actor=mentee)
    return 1


def _applied_before_the_close(mentee: User, term: Term) -> int:
    """A submitted application to a term whose applications have closed, as it was written
    then (the services refuse new work on a closed term, rightly)."""
    with scope(organization=term.organization):
        if _exists(mentee, term):
            return 0
        application = Application.objects.create(
            organization=term.organization,
            term=term,
            cycle=term.cycle,
            applicant=mentee,
            cover_letter=COVER_LETTERS[term.program.slug],
        )
        # The resume asked for then is the profile's: pointing at it keeps the demo's
        # private storage to the one file the accounts demo made.
        resume = MenteeProfile.objects.filter(user=mentee).values_list("resume", flat=True)
        resume = StoredFile.objects.filter(pk__in=resume).first()
        for prerequisite in term_prerequisites(term=term):
            values = _values(prerequisite.answer_type, term.program.slug)
            stored = resume if values.pop("upload", None) is not None else None
            PrerequisiteAnswer.objects.create(
                organization=term.organization,
                application=application,
                prerequisite=prerequisite,
                file=stored,
                completed_at=term.applications_close_at - timedelta(days=1),
                **values,
            )
        rank = _submitted_count(mentee, term.cycle)
        application_transition(
            application=application,
            to_state=S.SUBMITTED,
            actor=mentee,
            updates={"mentee_rank": rank + 1},
        )
        Application.objects.filter(pk=application.pk).update(
            submitted_at=term.applications_close_at - timedelta(days=1)
        )
    return 1


def complete_prerequisites(application: Application, *, when) -> None:
    """Demo helper (also used by the review and decisions demos): answers every prerequisite
    of the application's term, standing ones too, as a careful applicant would have, completed
    at `when`, so that no submitted or accepted demo application lacks a required answer. A
    file answer points at the applicant's profile resume (a one-page PDF, made when missing).
    Runs inside the application's organization scope; answers already there are kept."""
    term = application.term
    answered = set(
        PrerequisiteAnswer.objects.filter(application=application).values_list(
            "prerequisite_id", flat=True
        )
    )
    for prerequisite in term_prerequisites(term=term):
        if prerequisite.pk in answered:
            continue
        values = _values(prerequisite.answer_type, term.program.slug)
        stored = None
        if values.pop("upload", None) is not None:
            stored = _profile_resume(application.applicant)
        PrerequisiteAnswer.objects.create(
            organization=term.organization,
            application=application,
            prerequisite=prerequisite,
            file=stored,
            completed_at=when,
            **values,
        )


def _profile_resume(user: User) -> StoredFile:
    profile = MenteeProfile.objects.filter(user=user).select_related("resume").first()
    if profile is None or profile.resume is None:
        name = user.display_name or user.email
        pdf = tiny_pdf([name, "Resume", "Open-source contributor"], title=f"{name} resume")
        upload = SimpleUploadedFile("resume.pdf", pdf, "application/pdf")
        profile = mentee_resume_set(user=user, upload=upload)
    return profile.resume


def load_demo() -> dict[str, int]:
    created = {"applications": 0}
    mentee = User.objects.filter(email=MENTEE_EMAIL).first()
    kernel = _term("aurora", "kernel-mentorship")
    rust = _term("aurora", "rust-for-linux")
    cloud = _term("borealis", "cloud-native-contributors")
    if mentee is None or None in (kernel, rust, cloud):
        return created
    created["applications"] += _applied_before_the_close(mentee, rust)
    created["applications"] += _apply_now(mentee, cloud, submit=True)
    created["applications"] += _apply_now(mentee, kernel, submit=False)
    if created["applications"]:
        submitted = _submitted_ids(mentee, [rust, cloud])
        if len(submitted) == 2:  # borealis is the one Mina wants most
            services_ranking.application_ranking_set(
                user=mentee, cycle=cloud.cycle, order=[submitted[cloud.pk], submitted[rust.pk]]
            )
    return created
