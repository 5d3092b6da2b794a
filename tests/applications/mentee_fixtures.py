"""Fixtures of the mentee area's tests: mentees whose profile is complete, and helpers that
drive the services the way the pages do (inside the application's organization scope).
Test modules import them with `from tests.applications.mentee_fixtures import *`."""

import datetime

import pytest
from django_scopes import scope

from accounts.people.services import mentee_profile_update, mentee_resume_set
from applications.apply.models import Application
from applications.apply.services import answers as services_answers
from applications.apply.services import common as services_common
from applications.apply.services import ranking as services_ranking
from applications.apply.services import submit as services
from programs.prerequisites.services import prerequisite_create
from tests.factories.accounts import UserFactory
from tests.factories.profiles import COMPLETE_PROFILE, pdf_upload

__all__ = [
    "_private_storage",
    "complete_mentee",
    "mentee",
    "other_mentee",
    "start",
    "answer",
    "fill",
    "submit",
    "withdraw",
    "add_prerequisite",
    "fresh",
    "storage_files_i6",
]


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private-media")},
        },
    }


@pytest.fixture
def storage_files_i6(settings):
    """The files in private storage, as a function: call it before and after."""
    from pathlib import Path

    def paths() -> set[str]:
        root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
        return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()

    return paths


def complete_mentee(email: str, **profile):
    """A person whose mentee profile is complete: 18+ attested, resume uploaded."""
    user = UserFactory(email=email, display_name=email.split("@")[0].title())
    fields = {**COMPLETE_PROFILE, "date_of_birth": datetime.date(2000, 1, 1), **profile}
    mentee_profile_update(user=user, actor=user, adult_attested=True, **fields)
    mentee_resume_set(user=user, upload=pdf_upload())
    return user


@pytest.fixture
def mentee(db):
    return complete_mentee("mina@mentee.test")


@pytest.fixture
def other_mentee(db):
    return complete_mentee("otto@mentee.test")


def fresh(application) -> Application:
    return Application.objects.with_scopes_disabled().get(pk=application.pk)


def start(user, term) -> Application:
    with scope(organization=term.organization):
        return services_common.application_start(user=user, term=term)


def answer(application, prerequisite, **values):
    with scope(organization=application.organization):
        return services_answers.prerequisite_answer_save(
            application=application,
            actor=application.applicant,
            prerequisite_id=prerequisite.pk,
            **values,
        )


def fill(application) -> Application:
    """Writes a cover letter and answers every prerequisite needed to submit."""
    from applications.apply.selectors.prerequisites import application_prerequisite_rows
    from programs.prerequisites.models import AnswerType

    with scope(organization=application.organization):
        services_answers.application_draft_update(
            application=application, actor=application.applicant, cover_letter="Hello!"
        )
        for row in application_prerequisite_rows(application=application):
            if not row.required_to_submit:
                continue
            kind = row.prerequisite.answer_type
            values = (
                {"text": "My answer"}
                if kind == AnswerType.TEXT
                else {"url": "https://example.org/solution"}
                if kind == AnswerType.URL
                else {"upload": pdf_upload("answer.pdf")}
            )
            answer(application, row.prerequisite, **values)
    return fresh(application)


def submit(application) -> Application:
    with scope(organization=application.organization):
        return services.application_submit(application=application, actor=application.applicant)


def withdraw(application) -> Application:
    with scope(organization=application.organization):
        return services_ranking.application_withdraw(
            application=application, actor=application.applicant
        )


def add_prerequisite(term, **kwargs):
    with scope(organization=term.organization):
        return prerequisite_create(organization=term.organization, actor=None, term=term, **kwargs)
