"""An API module builds on the slice's selectors, services, filters and serializers, never
on the pages' views: code both need (the review CSV export, say) lives in its own module."""

import ast
from pathlib import Path

from django.conf import settings

APPS = ("accounts", "programs", "applications", "mentorship", "payments", "core", "config")


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_api_module_imports_a_views_module():
    root = Path(settings.BASE_DIR)
    offenders = {
        f"{path.relative_to(root)}: {module}"
        for app in APPS
        for path in (root / app).rglob("api*.py")
        for module in _imported_modules(path)
        if module.split(".")[0] in APPS and "views" in module.split(".")
    }
    assert not offenders, sorted(offenders)
