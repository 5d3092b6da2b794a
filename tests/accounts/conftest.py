from pathlib import Path

import pytest
from django.core.files.storage import default_storage


def stored_paths() -> set[str]:
    root = Path(default_storage.location)
    if not root.exists():
        return set()
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def storage_files():
    """What is in private storage, as a function: call it before and after."""
    return stored_paths


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    """Each test gets its own empty private storage, so a test sees only its own files."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private-media")},
        },
    }
