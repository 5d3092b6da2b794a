"""The design and usability work: the one date format, the error pages in the site's design,
the home page and each role's start page, and the small slips (roles default to Mentor,
closing applications early asks first, /me/offers/, public organization pages)."""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone

from accounts.invitations.forms import InvitationForm
from core.dates import format_instant, relative_to_now
from programs.programs.models import Program, ProgramStatus
from tests.conftest import client_for
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "templates"


# --- one date format ------------------------------------------------------------------------


def test_one_format_with_the_zone_named():
    instant = datetime(2027, 5, 10, 18, 0, tzinfo=UTC)
    assert format_instant(instant) == "10 May 2027, 18:00 UTC"
    with timezone.override("Europe/Berlin"):
        assert format_instant(instant) == "10 May 2027, 20:00 Europe/Berlin"
    assert format_instant(date(2027, 5, 1)) == "1 May 2027"
    assert format_instant(None) == ""


def test_a_near_deadline_says_how_near():
    now = datetime(2027, 5, 10, 12, 0, tzinfo=UTC)
    assert relative_to_now(now + timedelta(days=3), now=now) == "in 3 days"
    assert relative_to_now(now + timedelta(hours=5), now=now) == "in 5 hours"
    assert relative_to_now(now + timedelta(days=1), now=now) == "in 1 day"
    assert relative_to_now(now + timedelta(days=9), now=now) == ""  # far: the date says enough
    assert relative_to_now(now - timedelta(days=1), now=now) == ""  # past


def test_the_filter_is_built_in_and_marks_up_the_instant():
    soon = timezone.now() + timedelta(days=3, hours=1)
    html = Template("{{ when|instant }}").render(Context({"when": soon}))
    assert re.search(r'<time datetime="[^"]+">\d+ \w{3} \d{4}, \d\d:\d\d UTC</time>', html)
    assert "(in 3 days)" in html
    plain = Template('{{ when|instant:"plain" }}').render(Context({"when": soon}))
    assert "<" not in plain and plain.endswith("UTC")
    day = Template('{{ when|instant:"date" }}').render(Context({"when": soon}))
    assert re.fullmatch(r'<time datetime="[^"]+">\d+ \w{3} \d{4}</time>', day)


def test_no_template_formats_dates_on_its_own():
    """Every template uses |instant (|instant:"date" where only the day fits)."""
    owned_elsewhere: set[str] = set()
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.*")
        if "|date" in path.read_text() and str(path.relative_to(TEMPLATES)) not in owned_elsewhere
    ]
    assert not offenders


def test_no_inline_script_or_style_anywhere():
    """A Content-Security-Policy without unsafe-inline is coming. Emails are not pages the
    site serves (mail clients need their styles embedded), so they are left out."""
    for path in TEMPLATES.rglob("*.html"):
        if path.is_relative_to(TEMPLATES / "emails"):
            continue
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path
        assert " style=" not in text and "<style" not in text, path


# --- error pages ------------------------------------------------------------------------------


def test_a_missing_page_is_a_404_in_the_sites_design(client):
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in body and 'class="site-header"' in body
    assert "favicon.svg" in body and "Browse programs" in body


def test_a_forbidden_page_is_a_403_in_the_sites_design(org_a):
    response = client_for(org_a.mentor).get("/o/alpha/members/")
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_the_500_page_stands_alone():
    body = Template((TEMPLATES / "500.html").read_text()).render(Context({}))
    assert "Something went wrong" in body and "css/site.css" in body and "{% url" not in body


@override_settings(ROOT_URLCONF="tests.design_urls")
def test_a_server_error_shows_the_500_page():
    from django.test import Client

    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_the_429_page_is_in_the_sites_design(rf):
    from django.template.loader import render_to_string

    body = render_to_string("429.html", request=rf.get("/"))
    assert "Too many attempts" in body and 'class="site-header"' in body


# --- the home page and the start page -------------------------------------------------------


@pytest.fixture
def open_term(org_a):
    program = ProgramFactory(organization=org_a.organization, name="Kernel Mentorship")
    return make_term(program, CycleFactory(name="Now"))


def test_the_home_page_says_what_it_is_and_shows_programs_deadlines_and_figures(
    client, open_term, org_b
):
    ProgramFactory(organization=org_b.organization, name="Unpublished", status="draft")
    body = client.get("/").content.decode()
    assert "Mentorship for open-source communities" in body
    assert "Kernel Mentorship" in body and "Unpublished" not in body
    assert "Upcoming deadlines" in body and "Applications close" in body
    assert re.search(r"<strong>1</strong> program accepting applications", body)
    assert "Create an account" in body


def test_a_new_mentee_is_told_to_complete_the_profile_and_browse_programs(open_term):
    newcomer = UserFactory(email="new@mentee.test")
    body = client_for(newcomer).get("/").content.decode()
    assert "Complete your profile" in body and "browse the programs" in body
    assert "As a mentor" not in body and "As an admin" not in body


def test_a_mentee_with_a_draft_is_asked_to_finish_it(open_term):
    mentee = UserFactory(email="d@mentee.test")
    ApplicationFactory(term=open_term, applicant=mentee, state="draft", cover_letter="")
    body = client_for(mentee).get("/").content.decode()
    assert "Finish your draft for Kernel Mentorship: 1 item to go." in body
    assert "Continue the draft" in body


def test_a_mentee_with_an_offer_is_asked_to_answer_it_before_its_deadline(org_a):
    from tests.factories.decisions import accept, announced_cycle, term_in

    program = ProgramFactory(organization=org_a.organization, name="Cloud Operators")
    term = term_in(program, announced_cycle(deadline_days=3))
    mentee = UserFactory(email="o@mentee.test")
    accept(ApplicationFactory(term=term, applicant=mentee), org_a.admin)
    body = client_for(mentee).get("/").content.decode()
    assert "Answer the offer from Cloud Operators" in body
    assert re.search(r"By <time[^>]*>[^<]+</time> <span class=\"soon\">\(in \d days\)", body)
    offers = client_for(mentee).get("/me/offers/").content.decode()
    assert "Cloud Operators" in offers and "Confirm or decline" in offers


@pytest.fixture
def term_in_review(org_a):
    """Applications closed ten days ago, results not announced yet; org_a's mentor mentors it."""
    program = ProgramFactory(organization=org_a.organization, name="Rust for Linux")
    start = timezone.now().date() + timedelta(days=10)
    return make_term(program, CycleFactory(name="Now"), start=start, primary_mentor=org_a.mentor)


def test_a_mentor_sees_the_applicants_to_review_before_the_deadline(org_a, org_b, term_in_review):
    ApplicationFactory(term=term_in_review)
    ApplicationFactory(term=term_in_review)
    body = client_for(org_a.mentor).get("/").content.decode()
    assert "As a mentor" in body
    assert "Rust for Linux, Now: 2 applicants you have not reviewed yet." in body
    assert "Review applicants" in body
    # A member of another organization sees none of it.
    assert "Rust for Linux" not in client_for(org_b.mentor).get("/").content.decode()


def test_an_admin_sees_the_terms_needing_attention(org_a, term_in_review):
    ApplicationFactory(term=term_in_review)
    Program.objects.with_scopes_disabled().create(
        organization=org_a.organization, name="Draft idea", slug="draft-idea"
    )
    body = client_for(org_a.admin).get("/").content.decode()
    assert "As an admin" in body
    assert "1 applicant waiting for a decision" in body
    assert f"/o/alpha/terms/{term_in_review.pk}/decisions/" in body
    assert "Draft idea is draft: submit it for approval" in body


def test_staff_see_the_approvals_waiting(staff_user, org_a):
    ProgramFactory(organization=org_a.organization, name="eBPF", status=ProgramStatus.SUBMITTED)
    body = client_for(staff_user).get("/").content.decode()
    assert "As platform staff" in body and "1 program waiting for approval." in body


# --- slips ------------------------------------------------------------------------------------


def test_invitations_default_to_mentor_not_admin():
    # Joining goes only through an invitation (issue 13), so this is the one role picker.
    assert InvitationForm().fields["role"].initial == "mentor"


def test_closing_applications_early_asks_first(org_a, open_term):
    body = client_for(org_a.admin).get(f"/o/alpha/terms/{open_term.pk}/").content.decode()
    assert '<details class="confirm">' in body and "Yes, close applications now" in body
    assert f"/o/alpha/terms/{open_term.pk}/decisions/" in body  # linked, not only a breadcrumb


def test_my_offers_is_a_page_with_an_empty_state(open_term):
    body = client_for(UserFactory()).get("/me/offers/").content.decode()
    assert "No offer yet." in body and "browse programs" in body


def test_organizations_have_a_public_page_with_their_published_programs(client, open_term):
    body = client.get("/programs/alpha/").content.decode()
    assert "Kernel Mentorship" in body and "Accepting applications" in body
    assert client.get("/programs/no-such-org/").status_code == 404
    catalog = client.get("/programs/").content.decode()
    assert 'href="/programs/alpha/"' in catalog  # the organization's name is a link


def test_the_favicon_is_linked_and_served(client):
    assert 'rel="icon"' in client.get("/").content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.png")


def test_the_navigation_has_a_menu_button_for_narrow_screens(client):
    body = client.get("/").content.decode()
    assert 'class="menu-button" aria-expanded="false" aria-controls="site-nav"' in body
    assert 'id="site-nav"' in body and "js/menu.js" in body


def test_recorded_states_read_as_words():
    html = Template("{{ a|words }} / {{ b|words }}").render(
        Context({"a": "in_progress", "b": "application"})
    )
    assert html == "In progress / Application"
