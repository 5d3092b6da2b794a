"""Mentorships confirmed before evaluations existed get their checkpoints from the data
migration, like new ones get them at confirmation (the function runs here on the current
models; in a migration it runs on the historical ones, whose managers are not scoped)."""

import importlib

import pytest
from django.apps import apps
from django_scopes import scopes_disabled

from mentorship.evaluations.models import Evaluation
from tests.factories.mentorship import confirmed_mentorship

pytestmark = pytest.mark.django_db

migration = importlib.import_module("mentorship.migrations.0004_term_checkpoints")


def test_the_migration_creates_the_same_checkpoints_once(org_a):
    mentorship = confirmed_mentorship(org_a, kind="part_time")
    with scopes_disabled():
        made = sorted(Evaluation.objects.values_list("kind", "week", "required", "due_at"))
        Evaluation.objects.all().delete()
        migration.create_checkpoints(apps, None)
        migration.create_checkpoints(apps, None)
        again = sorted(Evaluation.objects.values_list("kind", "week", "required", "due_at"))
        assert Evaluation.objects.filter(mentorship=mentorship).count() == 4
    assert again == made
