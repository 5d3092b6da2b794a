"""Fixtures of the mentorship tests."""

import pytest

from tests.factories.graduates import graduate


@pytest.fixture
def grad(org_a):
    """A person with a graduated mentorship (and its certificate) in organization A."""
    mentorship, _certificate = graduate(org_a)
    return mentorship.mentee
