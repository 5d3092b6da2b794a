"""Every main page of every role, as people see them on a laptop and a phone: axe-core finds
no serious or critical violation, nothing scrolls sideways at 1,280 or 390 px, and each
page's screenshot is saved at both widths (test-artifacts/screens/). The demo data gives
every role something to show. Also: the menu button of narrow screens, and one journey
done with the keyboard alone."""

import re

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from accounts.people.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _graduate_profile_id():
    from mentorship.graduates.models import GraduateProfile

    return GraduateProfile.objects.get(user__email="graduate@example.org").public_id


def _ids():
    from applications.apply.models import Application
    from mentorship.certificates.models import Certificate
    from mentorship.mentorships.models import Mentorship
    from mentorship.runs.models import MatchRun
    from programs.terms.models import Term

    with scopes_disabled():
        kernel = Term.objects.get(program__slug="kernel-mentorship", cycle__name="Current cycle")
        rust = Term.objects.get(program__slug="rust-for-linux", cycle__name="Current cycle")
        matched = Term.objects.get(program__slug="rust-for-linux", cycle__name="Matched cycle")
        draft = Application.objects.get(
            applicant__email="mentee@example.org", term=kernel, state="draft"
        )
        mentorship = Mentorship.objects.get(
            mentee__email="mentee@example.org", organization__slug="borealis"
        )
        certificate = Certificate.objects.get(mentorship__mentee__email="graduate@example.org")
        run = MatchRun.objects.get(cycle__name="Matched cycle")
    return {
        "kernel": kernel.pk,
        "rust": rust.pk,
        "matched": matched.pk,
        "draft": draft.public_id,
        "mentorship": mentorship.public_id,
        "borealis_term": mentorship.term_id,
        "verification": certificate.verification_id,
        "run": run.pk,
    }


def test_every_main_page_of_every_role_is_accessible_and_fits(page, look):
    call_command("load_demo")
    ids = _ids()
    pages = {
        None: {
            "home": "/",
            "catalog": "/programs/",
            "program": "/programs/aurora/kernel-mentorship/",
            "organization": "/programs/aurora/",
            "sign-in": "/accounts/login/",
            "sign-up": "/accounts/signup/",
            "password-reset": "/accounts/password/reset/",
            "not-found": "/no-such-page/",
            "verify-letter": f"/verify/{ids['verification']}/",
            "program-published-ledger": "/programs/borealis/cloud-native-contributors/",
        },
        "mentee@example.org": {
            "mentee-start": "/",
            "mentee-catalog": "/programs/",
            "my-applications": "/me/applications/",
            "my-draft": f"/me/applications/{ids['draft']}/",
            "my-profile": "/me/profile/",
            "my-offers": "/me/offers/",
            "my-mentorships": "/me/mentorships/",
            "my-follows": "/me/following/",
            "my-mentorship": f"/me/mentorships/{ids['mentorship']}/",
            "my-stipend": "/me/stipend/",
            "my-notifications": "/me/notifications/",
            "my-calendar": "/me/calendar/",
            "my-account": "/me/",
            "two-factor": "/accounts/2fa/",
            "email-addresses": "/accounts/email/",
        },
        "mentor.aurora@example.org": {
            "mentor-start": "/",
            "mentor-organization": "/o/aurora/",
            "mentor-term": f"/o/aurora/terms/{ids['rust']}/",
            "review-dashboard": f"/o/aurora/review/terms/{ids['kernel']}/",
            "mentor-not-allowed": "/o/aurora/members/",
        },
        "admin.aurora@example.org": {
            "admin-start": "/",
            "admin-organization": "/o/aurora/",
            "members": "/o/aurora/members/",
            "policy": "/o/aurora/policy/",
            "term": f"/o/aurora/terms/{ids['kernel']}/",
            "timeline": f"/o/aurora/terms/{ids['kernel']}/timeline/",
            "term-reminders": f"/o/aurora/terms/{ids['kernel']}/reminders/",
            "term-announcements": f"/o/aurora/terms/{ids['kernel']}/announcements/",
            "program-admin": "/o/aurora/programs/kernel-mentorship/",
            "decision-texts": "/o/aurora/decision-texts/",
            "mentorships": "/o/aurora/mentorships/",
            "term-decisions": f"/o/aurora/terms/{ids['kernel']}/decisions/",
            "rank-list": f"/o/aurora/ranking/terms/{ids['matched']}/",
            "matching-preview": "/o/aurora/matching/",
        },
        "mentor.borealis@example.org": {
            "mentor-mentorship": f"/o/borealis/mentorships/{ids['mentorship']}/",
        },
        "admin.borealis@example.org": {
            "term-mentorships": f"/o/borealis/terms/{ids['borealis_term']}/mentorships/",
            "payouts": "/o/borealis/payouts/",
            "funds": "/o/borealis/funds/",
            "stipend-policies": "/o/borealis/stipend-policies/",
        },
        "staff@example.org": {
            "staff-start": "/",
            "staff-home": "/staff/",
            "staff-programs": "/staff/programs/",
            "staff-cycles": "/staff/cycles/",
            "staff-organizations": "/staff/organizations/",
            "staff-matching": "/staff/matching/",
            "staff-matching-run": f"/staff/matching/runs/{ids['run']}/",
            "staff-payouts": "/staff/payouts/",
            "staff-stipend-tables": "/staff/stipend-tables/",
        },
    }
    # Graduates, employers and statistics: each role's pages.
    pages[None].update({"public-graduates": "/graduates/", "stats": "/stats/"})
    pages["graduate@example.org"] = {
        "graduate-profile": "/me/graduate/",
        "graduate-interests": "/me/graduate/interests/",
    }
    pages["employer@example.org"] = {
        "employer-directory": "/employers/",
        "employer-graduate": f"/employers/graduates/{_graduate_profile_id()}/",
        "employer-interests": "/employers/interests/",
        "employer-colleagues": "/employers/colleagues/",
    }
    pages["staff@example.org"]["staff-employers"] = "/staff/employers/"
    failures = []
    for email, paths in pages.items():
        if email:
            sign_in(page, email, DEMO_PASSWORD)
        for name, path in paths.items():
            response = page.goto(path)
            expected = {"not-found": 404, "mentor-not-allowed": 403}.get(name, 200)
            if response.status != expected:
                failures.append(f"{name}: {path} answered {response.status}")
                continue
            try:
                look(name)
            except AssertionError as error:
                failures.append(str(error))
        if email:
            sign_out(page)
    assert not failures, "\n".join(failures)


def test_the_menu_button_opens_the_navigation_on_a_phone(page, look):
    call_command("load_demo")
    page.set_viewport_size({"width": 390, "height": 800})
    sign_in(page, "mentee@example.org", DEMO_PASSWORD)
    menu = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Main")
    assert menu.is_visible() and not nav.is_visible()
    assert menu.get_attribute("aria-expanded") == "false"
    menu.click()
    assert nav.is_visible() and menu.get_attribute("aria-expanded") == "true"
    look("phone-menu-open")
    page.keyboard.press("Escape")
    assert not nav.is_visible() and menu.get_attribute("aria-expanded") == "false"
    # On a laptop there is no menu button: the navigation shows in full, on one line.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not menu.is_visible() and nav.is_visible()
    heights = {
        round(b["y"])
        for b in nav.locator(".nav > li").evaluate_all(
            "items => items.map(i => i.getBoundingClientRect())"
        )
    }
    assert len(heights) == 1, f"the navigation wraps: {heights}"


def _tab_to(page, predicate_js: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached: {predicate_js}")


def test_a_mentee_signs_in_and_continues_a_draft_with_the_keyboard_alone(page):
    call_command("load_demo")
    page.goto("/accounts/login/")
    # The first Tab reaches the skip link; it leads to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    _tab_to(page, "el.id === 'id_login'")
    page.keyboard.type("mentee@example.org")
    _tab_to(page, "el.id === 'id_password'")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=re.compile("Welcome")).wait_for()
    # The start page says what to do next: the draft. Reach its link and follow it.
    _tab_to(page, "el.textContent.trim() === 'Continue the draft'")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Prerequisites", exact=False).wait_for()
    # Focus is always visible: the focused element draws an outline.
    _tab_to(page, "el.tagName === 'TEXTAREA'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
