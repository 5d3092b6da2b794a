"""Two organizations full of objects, for the isolation and role-matrix tests.

Each app adds a module `tests/<app>/isolation.py` with `build(tenant) -> dict` that creates
that app's objects in the tenant and returns the URL parameters that name them (e.g.
{"program": program.slug}). URL parameter names name the object (`member`, `program`,
`term`, `application`), never a bare `pk`, so one builder value fills every route that
takes it.

Organization B is the "foreign" tenant. Its slug is FOREIGN_MARKER and builders put the
slug in their names, so B's rows carry the marker in a text field (STAMPS adds it where a
builder's text does not). `foreign_traces(world)` then collects everything that names a row
of B: the marker, its public ids (UUIDs), slugs and members' e-mails, and the integer ids of
its rows. B is built with the database sequences moved to a fresh range per table, so an
integer id of B's rows is never also the id of a row of A, of any table: an `"id": n`
in a JSON answer to A's members names a row of B exactly when n is one of B's ids."""

import importlib
import pkgutil
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, models
from django.db.models import Value
from django.db.models.functions import Concat
from django_scopes import scopes_disabled

import tests
from tests.conftest import Tenant, make_tenant
from tests.factories.accounts import UserFactory

FOREIGN_MARKER = "beta-xq7"  # B's slug; nothing else on any page spells it
ID_STRIDE = 1_000  # room per table for B's rows, in the sequence ranges of B

# Rows whose builders leave their free text without the marker get it appended here:
# (app_label.Model, field). One table, to update when a builder changes.
STAMPS = [
    ("applications.Application", "cover_letter"),
    ("applications.Decision", "feedback"),
    ("applications.ConflictOfInterest", "note"),
    ("applications.ReviewRevision", "notes"),
    ("applications.PrerequisiteAnswer", "text"),
    ("accounts.JoinRequest", "message"),
    ("programs.Prerequisite", "description"),
    ("mentorship.Mentorship", "end_reason"),
    ("core.AuditEvent", "reason"),
    # Side effects of other builders' rows: a payout's email and its in-app notification.
    ("core.OutboxEmail", "subject"),
    ("core.Notification", "body"),
    ("payments.Payout", "reason"),
    ("payments.PayoutReversal", "reason"),
    ("mentorship.Announcement", "subject"),
]


@dataclass
class World:
    a: Tenant
    b: Tenant
    staff: object
    stranger: object
    params_a: dict = field(default_factory=dict)
    params_b: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # objects a test module adds to its world

    def user(self, role: str):
        return {
            "staff": self.staff,
            "admin": self.a.admin,
            "coordinator": self.a.coordinator,
            "mentor": self.a.mentor,
            "other_org_admin": self.b.admin,
            "stranger": self.stranger,
            "anonymous": None,
        }[role]


def builders():
    """The `build` function of every `tests/<package>/isolation*.py` module, in order."""
    found = []
    for package in pkgutil.iter_modules(tests.__path__):
        if not package.ispkg:
            continue
        path = [f"{tests.__path__[0]}/{package.name}"]
        for module in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
            if module.name.startswith("isolation"):
                name = f"tests.{package.name}.{module.name}"
                found.append(importlib.import_module(name).build)
    return found


def _sequences() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT schemaname || '.' || sequencename FROM pg_sequences ORDER BY sequencename"
        )
        return [name for (name,) in cursor.fetchall()]


def _move_sequences(start: int, stride: int, names: list[str]) -> None:
    with connection.cursor() as cursor:
        for i, name in enumerate(names):
            cursor.execute("SELECT setval(%s, %s, false)", [name, start + i * stride])


@contextmanager
def distinct_ids():
    """Rows created inside get ids no row of any table had before or will have after (on
    PostgreSQL; elsewhere a no-op). Sequences are not transactional, so this holds even
    though every test rolls back."""
    if connection.vendor != "postgresql":
        yield
        return
    names = _sequences()
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(coalesce(last_value, 0)), 0) FROM pg_sequences")
        (highest,) = cursor.fetchone()
    start = (highest // ID_STRIDE + 1) * ID_STRIDE
    _move_sequences(start, ID_STRIDE, names)
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences")
        used = dict(cursor.fetchall())
    for i, name in enumerate(names):
        assert (used.get(name) or 0) < start + (i + 1) * ID_STRIDE, (
            f"{name}: more than {ID_STRIDE} rows in one build of organization B; raise ID_STRIDE"
        )
    _move_sequences(start + (len(names) + 1) * ID_STRIDE, 1, names)


def tenant_models():
    """Every model whose rows belong to one organization."""
    return [
        model
        for model in apps.get_models()
        if any(f.name == "organization" and f.is_relation for f in model._meta.concrete_fields)
    ]


def _stamp(organization) -> None:
    with scopes_disabled():
        for label, name in STAMPS:
            model = apps.get_model(label)
            model.objects.filter(organization=organization).exclude(
                **{f"{name}__icontains": FOREIGN_MARKER}
            ).update(**{name: Concat(name, Value(f" {FOREIGN_MARKER}"))})


def build_world() -> World:
    a = make_tenant("alpha")
    world = World(
        a=a,
        b=None,
        staff=UserFactory(email="staff@platform.test", is_staff=True),
        stranger=UserFactory(email="stranger@nowhere.test"),
    )
    world.params_a["org"] = a.organization.slug
    all_builders = builders()
    for build in all_builders:
        world.params_a.update(build(a))
    with distinct_ids():
        world.b = b = make_tenant(FOREIGN_MARKER)
        world.params_b["org"] = b.organization.slug
        for build in all_builders:
            world.params_b.update(build(b))
        _stamp(b.organization)
    return world


@dataclass(frozen=True)
class Traces:
    """What names a row of organization B: strings, found as substrings of any answer, and
    integer ids, found as the value of an `id` key of a JSON answer."""

    strings: frozenset[str]
    ids: frozenset[int]


def _text_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and f.name not in ("token_hash", "password", "sha256", "logo_content_type")
        # codes, not free text (ISO 4217 currency, ISO 3166 country, a checkpoint's kind)
        and f.name not in ("currency", "country", "checkpoint")
    ]


def foreign_traces(world: World) -> Traces:
    b = world.b.organization
    strings = {FOREIGN_MARKER, str(b.public_id) if hasattr(b, "public_id") else FOREIGN_MARKER}
    ids = set()
    user_fields = []
    with scopes_disabled():
        for model in tenant_models():
            rows = model.objects.filter(organization=b)
            names = [f.name for f in model._meta.concrete_fields]
            for row in rows:
                ids.add(row.pk)
                if "public_id" in names:
                    strings.add(str(row.public_id))
                if "slug" in names:
                    strings.add(row.slug)
            user_fields += [
                (model, f.name)
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is world.staff.__class__
            ]
        b_users, a_users = set(), set()
        for model, name in user_fields:
            b_users |= set(model.objects.filter(organization=b).values_list(name, flat=True))
            a_users |= set(model.objects.exclude(organization=b).values_list(name, flat=True))
        User = world.staff.__class__
        for user in User.objects.filter(pk__in=b_users - a_users - {None}):
            ids.add(user.pk)
            strings |= {str(user.public_id), user.email.lower()}
    if connection.vendor != "postgresql":  # ids of B are not distinct (see distinct_ids)
        ids = set()
    return Traces(strings=frozenset(s.lower() for s in strings), ids=frozenset(ids))


def unmarked_rows(world: World) -> list[str]:
    """B's rows with free text of which none carries the marker."""
    missing = []
    with scopes_disabled():
        for model in tenant_models():
            fields = _text_fields(model)
            if not fields:
                continue
            for row in model.objects.filter(organization=world.b.organization):
                if not any(FOREIGN_MARKER in str(getattr(row, f) or "") for f in fields):
                    missing.append(f"{model._meta.label} #{row.pk}")
    return missing
