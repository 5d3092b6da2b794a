"""Two organizations full of objects, for the isolation and role-matrix tests.

Each app adds a module `tests/<app>/isolation.py` with `build(tenant) -> dict` that creates
that app's objects in the tenant and returns the URL parameters that name them (e.g.
{"program": program.slug}). URL parameter names name the object (`member`, `program`,
`term`, `application`), never a bare `pk`, so one builder value fills every route that
takes it. Everything created for organization B carries the marker "beta" in its names,
so a response that shows B's rows to A is caught by text."""

import importlib
import pkgutil
from dataclasses import dataclass, field

import tests
from tests.conftest import Tenant, _tenant
from tests.factories.accounts import UserFactory

FOREIGN_MARKER = "beta"


@dataclass
class World:
    a: Tenant
    b: Tenant
    staff: object
    stranger: object
    params_a: dict = field(default_factory=dict)
    params_b: dict = field(default_factory=dict)

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


def build_world() -> World:
    a, b = _tenant("alpha"), _tenant(FOREIGN_MARKER)
    world = World(
        a=a,
        b=b,
        staff=UserFactory(email="staff@platform.test", is_staff=True),
        stranger=UserFactory(email="stranger@nowhere.test"),
    )
    world.params_a["org"] = a.organization.slug
    world.params_b["org"] = b.organization.slug
    for build in builders():
        world.params_a.update(build(a))
        world.params_b.update(build(b))
    return world
