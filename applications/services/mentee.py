"""The mentee's side of applying: start, save a draft as you go, answer prerequisites,
submit, withdraw, rank. Every write, shared by the pages and the API, one transaction each.

Concurrency: every write that depends on the person's other applications in the cycle (the
limit of active applications, the ranking) first locks the applicant's user row, so two
submissions at the same moment are counted one after the other and never exceed the
cycle's limit. State moves go through `application_transition` (compare-and-set), so a
double click on Submit submits once."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMultiAlternatives
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts import uploads
from accounts.models import StoredFile, User
from accounts.services.audit import audit_record
from applications.models import Application, ApplicationState, PrerequisiteAnswer
from applications.selectors import mentee as selectors
from applications.selectors.visibility import decision_visible
from applications.services.transitions import REFUSALS, application_transition
from programs.models import AnswerType, Prerequisite, Term
from programs.timeline import submissions_open
from programs.timezones import format_instant

S = ApplicationState
TEXT_MAX = 5000
URL_MAX = 500


class ApplyRefused(ValidationError):
    """The person may not apply; `refusals` name each reason with a link to fix it."""

    def __init__(self, refusals: list[selectors.Refusal]):
        self.refusals = refusals
        super().__init__([refusal.message for refusal in refusals])


def _lock_applicant(user_id: int) -> User:
    # Serializes everything one person does to their applications of a cycle (counting
    # active applications, ranking) across all organizations.
    return User.objects.select_for_update().get(pk=user_id)


def _locked(application: Application) -> Application:
    """A fresh copy of the application, its row locked, with the term and cycle loaded."""
    with scopes_disabled():
        return (
            Application.objects.select_for_update(of=("self",))
            .select_related("term__program", "cycle", "organization")
            .get(pk=application.pk)
        )


def _require_owner(application: Application, actor: User) -> None:
    if application.applicant_id != actor.pk:
        raise ValidationError("Only the applicant can change this application.")


# --- start ---------------------------------------------------------------------------------


@transaction.atomic
def application_start(*, user: User, term: Term) -> Application:
    """Starts a draft application to a term, after the eligibility check (PRODUCT.md rules
    1, 2, 5, 7): the term accepts applications, the person has no live application to it
    and was not declined by it, their profile is complete, they attested being 18 or older
    by the term start, their country is not restricted by the cycle, they did not graduate
    before (unless the cycle allows it), and the cycle's limit of active applications is
    not reached. Run in the term's organization scope."""
    _lock_applicant(user.pk)
    refusals = selectors.apply_refusals(user=user, term=term)
    if refusals:
        raise ApplyRefused(refusals)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                organization=term.organization,
                term=term,
                cycle=term.cycle,
                applicant=user,
                state=S.DRAFT,
            )
    except IntegrityError as error:  # a second tab started one at the same moment
        raise ValidationError("You already applied to this term.") from error
    audit_record(
        action="application.created",
        obj=application,
        actor=user,
        organization=term.organization,
        to_state=S.DRAFT,
    )
    return application


# --- drafts and answers ----------------------------------------------------------------------


def _closed_message(term: Term) -> str:
    return (
        f"Applications to this term closed at {format_instant(term.applications_close_at)}; "
        "this draft can no longer be changed or submitted."
    )


@transaction.atomic
def application_draft_update(
    *, application: Application, actor: User, cover_letter: str
) -> Application:
    """Saves the cover letter of a draft. Only the applicant, only while the draft can still
    be submitted."""
    _require_owner(application, actor)
    locked = _locked(application)
    if locked.state != S.DRAFT:
        raise ValidationError(
            {"cover_letter": "The application is submitted; its cover letter is final."}
        )
    if not submissions_open(locked.term):
        raise ValidationError({"cover_letter": _closed_message(locked.term)})
    cover_letter = (cover_letter or "").strip()
    if len(cover_letter) > TEXT_MAX:
        raise ValidationError(
            {"cover_letter": f"Use at most {TEXT_MAX} characters (this is {len(cover_letter)})."}
        )
    locked.cover_letter = cover_letter
    locked.save(update_fields=["cover_letter", "updated_at"])
    return locked


def _prerequisite_of(application: Application, prerequisite_id) -> Prerequisite:
    for prerequisite in selectors.term_prerequisites(term=application.term):
        if str(prerequisite.pk) == str(prerequisite_id):
            return prerequisite
    raise ValidationError({"prerequisite": "This term has no such prerequisite."})


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    if len(url) > URL_MAX:
        raise ValidationError({"url": f"Use a link of at most {URL_MAX} characters."})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise ValidationError(
            {
                "url": "Enter a full web address starting with https://, e.g. https://github.com/you/solution."
            }
        ) from error
    return url


@transaction.atomic
def prerequisite_answer_save(
    *,
    application: Application,
    actor: User,
    prerequisite_id,
    text: str | None = None,
    url: str | None = None,
    upload: UploadedFile | None = None,
) -> PrerequisiteAnswer:
    """Saves the applicant's answer to one prerequisite (each answer on its own, so a draft
    is saved as the mentee goes): text, a URL or a PDF (checked by content, at most 5 MB),
    depending on the prerequisite. An empty answer clears it. Answerable while the draft can
    be submitted; after submitting, only prerequisites due later than the applications
    deadline, until their due date. Run in the application's organization scope."""
    _require_owner(application, actor)
    locked = _locked(application)
    prerequisite = _prerequisite_of(locked, prerequisite_id)
    if not selectors.answer_open(locked, prerequisite):
        if locked.state == S.DRAFT:
            raise ValidationError({"prerequisite": _closed_message(locked.term)})
        if locked.state == S.SUBMITTED:
            due = prerequisite.due_for(locked.term)
            message = (
                f"“{prerequisite.title}” was due at {format_instant(due)}."
                if due > locked.term.applications_close_at
                else f"“{prerequisite.title}” was submitted with the application and is final."
            )
            raise ValidationError({"prerequisite": message})
        raise ValidationError({"prerequisite": "This application can no longer be changed."})

    answer_type = prerequisite.answer_type
    given = {"text": text, "url": url, "file": upload}
    wrong = [k for k, v in given.items() if v not in (None, "") and k != answer_type]
    if wrong:
        expected = {"text": "text", "url": "a link (URL)", "file": "a PDF file"}[answer_type]
        raise ValidationError({wrong[0]: f"“{prerequisite.title}” is answered with {expected}."})
    values = {"text": "", "url": "", "file": None}
    if answer_type == AnswerType.TEXT:
        value = (text or "").strip()
        if len(value) > TEXT_MAX:
            raise ValidationError(
                {"text": f"Use at most {TEXT_MAX} characters (this is {len(value)})."}
            )
        values["text"] = value
        complete = bool(value)
    elif answer_type == AnswerType.URL:
        values["url"] = _clean_url(url or "")
        complete = bool(values["url"])
    else:
        complete = upload is not None

    answer, _ = PrerequisiteAnswer.objects.select_for_update().get_or_create(
        organization=locked.organization, application=locked, prerequisite=prerequisite
    )
    previous_file = answer.file
    stored = None
    if answer_type == AnswerType.FILE and upload is not None:
        try:
            stored = uploads.store_pdf(
                upload=upload, owner=actor, purpose=StoredFile.Purpose.PREREQUISITE
            )
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        values["file"] = stored
    try:
        answer.text, answer.url, answer.file = values["text"], values["url"], values["file"]
        answer.completed_at = timezone.now() if complete else None
        answer.save()
        if (
            previous_file is not None
            and previous_file != answer.file
            and previous_file.purpose == StoredFile.Purpose.PREREQUISITE
        ):  # never another purpose's file (e.g. a profile resume the demo points at)
            uploads.delete_stored_file(previous_file)
    except BaseException:
        if stored is not None:
            uploads.discard(stored)
        raise
    return answer


# --- submit ----------------------------------------------------------------------------------


def _missing_for_submit(application: Application, now: datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not application.cover_letter.strip():
        errors["cover_letter"] = ["Write a cover letter before submitting."]
    rows = selectors.application_prerequisite_rows(application=application, now=now)
    missing = [r.prerequisite.title for r in rows if r.required_to_submit and not r.done]
    if missing:
        errors["prerequisites"] = [
            "Complete these prerequisites before submitting: " + ", ".join(missing) + "."
        ]
    return errors


def _next_rank(user: User, application: Application) -> int:
    ranked = list(
        selectors.ranked_applications(user=user, cycle=application.cycle).exclude(pk=application.pk)
    )
    _renumber(ranked)
    return len(ranked) + 1


@transaction.atomic
def application_submit(*, application: Application, actor: User) -> Application:
    """Submits a draft. Refused, with nothing changed, unless: the server clock (UTC) is
    before the term's applications-close instant, to the second; every prerequisite due by
    that deadline is answered, and there is a cover letter; the person still meets the
    rules about them (profile, age, country, earlier graduation); and the cycle's limit of
    active applications is not reached, counted across every organization with the
    applicant's row locked, so simultaneous submissions never exceed it. A double click
    submits once. The new submission is ranked last among the person's applications of the
    cycle; a confirmation email lists what was submitted."""
    _require_owner(application, actor)
    user = _lock_applicant(application.applicant_id)
    locked = _locked(application)
    if locked.state != S.DRAFT:
        raise ValidationError(REFUSALS[locked.state])
    now = timezone.now()  # read after the lock: the deadline is checked when we act
    if not submissions_open(locked.term, now):
        closed = format_instant(locked.term.applications_close_at)
        raise ValidationError(
            f"Applications to this term closed at {closed} (it is now "
            f"{format_instant(now)}); this draft can no longer be submitted."
        )
    errors = _missing_for_submit(locked, now)
    if errors:
        raise ValidationError(errors)
    refusals = selectors.person_refusals(user=user, term=locked.term)
    limit = selectors.cycle_limit_refusal(user, locked.cycle, exclude=locked)
    if limit:
        refusals.append(limit)
    if refusals:
        raise ApplyRefused(refusals)
    rank = _next_rank(user, locked)
    application_transition(
        application=locked, to_state=S.SUBMITTED, actor=actor, updates={"mentee_rank": rank}
    )
    _email_submitted(locked, user, now)
    return locked


def _email_submitted(application: Application, user: User, now: datetime) -> None:
    """The confirmation: what was submitted, and when results are announced, in the
    mentee's time zone. Rendered now (plain values), sent once the submission commits."""
    try:
        zone = zoneinfo.ZoneInfo(user.timezone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    rows = selectors.application_prerequisite_rows(application=application, now=now)
    with timezone.override(zone):
        items = []
        for row in rows:
            answer = row.answer
            if row.done:
                shown = answer.url or (
                    answer.file.original_name if answer.file_id else answer.text[:200]
                )
            else:
                shown = f"not yet — due {format_instant(row.due_at)}"
            items.append({"title": row.prerequisite.title, "answer": shown})
        term = application.term
        context = {
            "name": user.name,
            "program": term.program.name,
            "organization": application.organization.name,
            "term": f"{term.get_kind_display()} · {application.cycle.name}",
            "submitted_at": format_instant(application.submitted_at),
            "results_at": format_instant(application.cycle.results_announced_at),
            "cover_letter": application.cover_letter,
            "prerequisites": items,
            "url": settings.SITE_URL.rstrip("/")
            + reverse("applications:my-application", kwargs={"application": application.public_id}),
        }
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Application submitted: {context['program']}"
    text = render_to_string("applications/mentee/email/submitted.txt", context)
    html = render_to_string("applications/mentee/email/submitted.html", context)
    recipient = user.email

    def send() -> None:
        message = EmailMultiAlternatives(subject=subject, body=text, to=[recipient])
        message.attach_alternative(html, "text/html")
        message.send()

    transaction.on_commit(send)


# --- withdraw --------------------------------------------------------------------------------


@transaction.atomic
def application_withdraw(*, application: Application, actor: User, reason: str = "") -> Application:
    """The applicant withdraws before a decision (a draft is discarded the same way). The
    place in the cycle's limit is freed and the remaining applications move up in the
    ranking; re-applying to the term afterwards creates a new application. An accepted
    application cannot be withdrawn here (decline the offer instead), and a decision taken
    but not yet announced is not revealed by the refusal."""
    _require_owner(application, actor)
    user = _lock_applicant(application.applicant_id)
    locked = _locked(application)
    if locked.state in (S.ACCEPTED, S.DECLINED):
        if not decision_visible(application=locked):
            raise ValidationError(
                "Mentors have completed their review of this application, so it can no longer "
                "be withdrawn. Results are announced "
                f"{format_instant(locked.cycle.results_announced_at)}."
            )
        if locked.state == S.ACCEPTED:
            raise ValidationError(
                "An accepted application cannot be withdrawn; decline the offer instead."
            )
        raise ValidationError(REFUSALS[S.DECLINED])
    was_ranked = locked.state in selectors.RANKED_STATES
    application_transition(
        application=locked,
        to_state=S.WITHDRAWN,
        actor=actor,
        reason=(reason or "").strip()[:500],
        updates={"mentee_rank": None},
    )
    if was_ranked:
        _renumber(list(selectors.ranked_applications(user=user, cycle=locked.cycle)))
    return locked


# --- ranking ---------------------------------------------------------------------------------


def _renumber(ordered: Iterable[Application]) -> None:
    """CROSS-TENANT: writes ranks 1..n in the given order to the person's applications of a
    cycle (which span organizations); only rows whose rank changes are written. Called with
    the applicant's row locked."""
    with scopes_disabled():
        for position, application in enumerate(ordered, start=1):
            if application.mentee_rank != position:
                Application.objects.filter(pk=application.pk).update(mentee_rank=position)
                application.mentee_rank = position


def _check_ranking_open(cycle) -> None:
    if timezone.now() >= cycle.results_announced_at:
        raise ValidationError(
            f"The results of the cycle “{cycle.name}” were announced "
            f"{format_instant(cycle.results_announced_at)}; the ranking is final."
        )


@transaction.atomic
def application_rank_move(*, application: Application, actor: User, direction: str) -> list:
    """Moves one of the person's submitted applications one place up (towards 1, most
    wanted) or down in their ranking of the cycle, until the cycle's results are announced.
    Returns the new order."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": "Choose up or down."})
    _require_owner(application, actor)
    user = _lock_applicant(application.applicant_id)
    locked = _locked(application)
    _check_ranking_open(locked.cycle)
    ranked = list(selectors.ranked_applications(user=user, cycle=locked.cycle))
    index = next((i for i, a in enumerate(ranked) if a.pk == locked.pk), None)
    if index is None:
        raise ValidationError("Only submitted applications are ranked.")
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ranked):
        ranked[index], ranked[other] = ranked[other], ranked[index]
    _renumber(ranked)
    return ranked


@transaction.atomic
def application_ranking_set(*, user: User, cycle, order: list) -> list:
    """Sets the person's whole ranking of a cycle: `order` lists the public ids of all their
    submitted applications of the cycle, most wanted first, each exactly once."""
    user = _lock_applicant(user.pk)
    _check_ranking_open(cycle)
    ranked = list(selectors.ranked_applications(user=user, cycle=cycle))
    by_id = {str(a.public_id): a for a in ranked}
    wanted = [str(item) for item in order]
    if len(wanted) != len(set(wanted)) or set(wanted) != set(by_id):
        raise ValidationError(
            {
                "order": "List each of your submitted applications of this cycle exactly once "
                f"({len(by_id)} application{'s' if len(by_id) != 1 else ''})."
            }
        )
    ordered = [by_id[item] for item in wanted]
    _renumber(ordered)
    return ordered
