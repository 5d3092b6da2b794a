"""The reviewers' dashboard and a term's decisions page fit a 1,280 px screen without
scrolling sideways and turn into readable cards on a 390 px phone. Saves screenshots of
each in test-artifacts/ to look at."""

import pytest
from django_scopes import scope

from applications.review.services import review_save
from tests.applications.review_data import make_applicant
from tests.browser.conftest import sign_in
from tests.factories.accounts import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def term(db):
    from accounts.organizations.models import Role

    organization = OrganizationFactory(slug="aurora", name="Aurora Kernel Community")
    admin = UserFactory(email="admin@aurora.test", display_name="Ada Admin")
    MembershipFactory(organization=organization, user=admin, role=Role.ADMIN)
    mentor = UserFactory(email="mentor@aurora.test", display_name="Max Mentor")
    MembershipFactory(organization=organization, user=mentor, role=Role.MENTOR)
    program = ProgramFactory(organization=organization, name="Kernel Mentorship")
    term = make_term(program, CycleFactory(name="2031 Spring"), primary_mentor=mentor)
    names = [
        "Maximiliana Ortega-Villanueva",
        "Bo Chen",
        "Chidinma Okonkwo-Eze",
        "Dmitri Volkov",
        "Esperanza Del Carmen Ruiz",
    ]
    skills = ["Python", "Linux kernel", "Kubernetes", "JavaScript"]
    for index, name in enumerate(names):
        application = make_applicant(term, name=name, country="BR", skills=skills[: 2 + index % 3])
        scores = {"skills": 2 + index % 4, "motivation": 4, "communication": 3}
        scores["availability"] = 5
        if index == 3:
            scores = {"not_acceptable": True}
        with scope(organization=organization):
            review_save(application=application, reviewer=admin, **scores)
    return term


def _no_sideways_scroll(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_lists_fit_the_screen(page, term, artifacts_dir, width, height):
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, "admin@aurora.test")
    for name, path in (
        ("dashboard", f"/o/aurora/review/terms/{term.pk}/"),
        ("decisions", f"/o/aurora/terms/{term.pk}/decisions/"),
    ):
        page.goto(path)
        page.locator("table.card-table").wait_for()
        page.screenshot(path=str(artifacts_dir / f"layout-{name}-{width}.png"), full_page=True)
        assert _no_sideways_scroll(page), f"{name} scrolls sideways at {width} px"
        if width < 640:
            # Cards: the header row is hidden and each value is labelled.
            assert not page.locator("table.card-table thead").is_visible() or (
                page.locator("table.card-table thead").bounding_box()["width"] <= 1
            )
            label = page.evaluate(
                "() => getComputedStyle(document.querySelector("
                "'table.card-table td[data-label]'), '::before').content"
            )
            assert label not in ("none", "normal", "")  # the first value cell is labelled
