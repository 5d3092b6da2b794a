from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from accounts.people.models import MenteeProfile, User
from applications.apply.models import Application, PrerequisiteAnswer
from applications.apply.selectors import prerequisites as selectors_prerequisites
from applications.apply.services.common import (
    TEXT_MAX,
    URL_MAX,
    S,
    application_locked,
    require_owner,
)
from core.uploads import services as uploads
from core.uploads.models import StoredFile
from programs.prerequisites.models import AnswerType, Prerequisite
from programs.terms.models import Term
from programs.terms.timeline import submissions_open
from programs.timezones import format_instant

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
    require_owner(application, actor)
    locked = application_locked(application)
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
    for prerequisite in selectors_prerequisites.term_prerequisites(term=application.term):
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
    use_profile_resume: bool = False,
) -> PrerequisiteAnswer:
    """Saves the applicant's answer to one prerequisite (each answer on its own, so a draft
    is saved as the mentee goes): text, a URL or a PDF (checked by content, at most 5 MB),
    depending on the prerequisite. An empty answer clears it. `use_profile_resume` answers
    a file prerequisite with a copy of the resume on the applicant's profile (a copy, so that
    replacing the profile's resume later never changes a submitted answer). Answerable while
    the draft can be submitted; after submitting, only prerequisites due later than the
    applications deadline, until their due date. Run in the application's organization scope."""
    require_owner(application, actor)
    locked = application_locked(application)
    prerequisite = _prerequisite_of(locked, prerequisite_id)
    if not selectors_prerequisites.answer_open(locked, prerequisite):
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
    if use_profile_resume:
        upload = _profile_resume_copy(actor, answer_type)
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


def _profile_resume_copy(user: User, answer_type: str) -> UploadedFile:
    if answer_type != AnswerType.FILE:
        raise ValidationError({"file": "Only a file prerequisite can be answered with a resume."})
    profile = MenteeProfile.objects.filter(user=user).select_related("resume").first()
    if profile is None or profile.resume is None:
        raise ValidationError(
            {"file": "Your profile has no resume yet: upload a PDF here or on your profile."}
        )
    with profile.resume.file.open("rb") as source:
        content = source.read()
    return SimpleUploadedFile(profile.resume.original_name, content, "application/pdf")
