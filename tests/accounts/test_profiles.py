"""The mentee profile: one per person, names recorded when changed, a private date of birth
behind an 18+ attestation, skills, and what is still missing for applying."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.people import selectors
from accounts.people.models import MenteeProfile, MentorProfile
from accounts.people.services import mentee_profile_update, mentee_resume_set, mentor_profile_update
from core.audit.models import AuditEvent
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory
from tests.factories.profiles import COMPLETE_PROFILE, pdf_upload

pytestmark = pytest.mark.django_db

TWENTY_YEARS_AGO = datetime.date.today().replace(year=datetime.date.today().year - 20, day=1)


@pytest.fixture
def mentee(db):
    return UserFactory(email="mina@example.test", display_name="Mina")


def complete(user):
    mentee_profile_update(
        user=user,
        actor=user,
        adult_attested=True,
        date_of_birth=TWENTY_YEARS_AGO,
        **COMPLETE_PROFILE,
    )
    return mentee_resume_set(user=user, upload=pdf_upload())


# --- service rules ---------------------------------------------------------------------


def test_a_person_has_one_profile_created_on_first_save(mentee):
    mentee_profile_update(user=mentee, actor=mentee, pronouns="she/her")
    mentee_profile_update(user=mentee, actor=mentee, bio="Hello")
    profile = MenteeProfile.objects.get(user=mentee)
    assert (profile.pronouns, profile.bio) == ("she/her", "Hello")


def test_legal_and_display_name_changes_are_recorded(mentee):
    mentee_profile_update(user=mentee, actor=mentee, legal_name="Mina Old", display_name="M")
    mentee_profile_update(user=mentee, actor=mentee, legal_name="Mina New", display_name="Mi")
    legal = (
        AuditEvent.objects.with_scopes_disabled()
        .filter(action="profile.legal_name_changed")
        .order_by("id")
    )
    assert [e.data for e in legal] == [
        {"from": "", "to": "Mina Old"},
        {"from": "Mina Old", "to": "Mina New"},
    ]
    shown = (
        AuditEvent.objects.with_scopes_disabled()
        .filter(action="account.display_name_changed")
        .order_by("id")
    )
    assert [(e.from_state, e.to_state) for e in shown] == [("Mina", "M"), ("M", "Mi")]
    assert all(e.actor == mentee for e in [*legal, *shown])


def test_saving_the_same_name_records_nothing(mentee):
    mentee_profile_update(user=mentee, actor=mentee, legal_name="Mina")
    mentee_profile_update(user=mentee, actor=mentee, legal_name="Mina", display_name="Mina")
    assert (
        AuditEvent.objects.with_scopes_disabled()
        .filter(action="profile.legal_name_changed")
        .count()
        == 1
    )
    assert (
        not AuditEvent.objects.with_scopes_disabled()
        .filter(action="account.display_name_changed")
        .exists()
    )


def test_attesting_adulthood_needs_a_date_of_birth(mentee):
    with pytest.raises(ValidationError) as error:
        mentee_profile_update(user=mentee, actor=mentee, adult_attested=True)
    assert "date_of_birth" in error.value.message_dict


def test_a_minor_cannot_attest_and_nothing_is_saved(mentee):
    seventeen = timezone.localdate().replace(year=timezone.localdate().year - 17)
    with pytest.raises(ValidationError) as error:
        mentee_profile_update(
            user=mentee,
            actor=mentee,
            adult_attested=True,
            date_of_birth=seventeen,
            legal_name="Young Person",
            display_name="Young",
        )
    assert "18 or older" in str(error.value)
    assert not MenteeProfile.objects.filter(user=mentee).exists()
    mentee.refresh_from_db()
    assert mentee.display_name == "Mina"
    assert not AuditEvent.objects.with_scopes_disabled().exists()


def test_a_future_date_of_birth_is_refused(mentee):
    with pytest.raises(ValidationError, match="future"):
        mentee_profile_update(
            user=mentee, actor=mentee, date_of_birth=timezone.localdate() + datetime.timedelta(1)
        )


def test_adulthood_on_a_term_start_is_computed_from_the_private_date(mentee):
    birthday = datetime.date(2008, 6, 15)
    mentee_profile_update(user=mentee, actor=mentee, date_of_birth=birthday, adult_attested=False)
    assert not selectors.mentee_is_adult_on(mentee, datetime.date(2030, 1, 1))  # not attested
    profile = MenteeProfile.objects.get(user=mentee)
    profile.adult_attested_at = timezone.now()
    profile.save()
    assert not selectors.mentee_is_adult_on(mentee, datetime.date(2026, 6, 14))
    assert selectors.mentee_is_adult_on(mentee, datetime.date(2026, 6, 15))


@pytest.mark.parametrize(
    ("skills", "message"),
    [
        ([{"name": "Python", "level": "guru"}], "Choose a level"),
        ([{"name": "Go", "level": "expert"}, {"name": "go", "level": "beginner"}], "twice"),
        ([{"name": "x" * 51, "level": "expert"}], "at most 50"),
        ([{"name": f"s{i}", "level": "expert"} for i in range(31)], "at most 30"),
    ],
)
def test_bad_skills_are_refused_with_a_clear_message(mentee, skills, message):
    with pytest.raises(ValidationError, match=message):
        mentee_profile_update(user=mentee, actor=mentee, skills=skills)
    assert not MenteeProfile.objects.filter(user=mentee).exists()


def test_skills_are_trimmed_and_blank_rows_dropped(mentee):
    profile = mentee_profile_update(
        user=mentee,
        actor=mentee,
        skills=[{"name": "  Python  ", "level": "expert"}, {"name": "", "level": ""}],
        skills_to_grow=["Rust", " rust ", "", "Go"],
    )
    assert profile.skills == [{"name": "Python", "level": "expert"}]
    assert profile.skills_to_grow == ["Rust", "Go"]


def test_missing_for_applying_lists_what_is_left_until_complete(mentee):
    assert selectors.profile_missing_for_applying(mentee) == [
        "legal name",
        "country of residence",
        "18+ attestation with date of birth",
        "short bio",
        "at least one skill",
        "resume (PDF)",
    ]
    complete(mentee)
    assert selectors.profile_missing_for_applying(mentee) == []


def test_reviewer_summary_never_contains_the_date_of_birth(mentee):
    complete(mentee)
    summary = selectors.mentee_profile_summary(MenteeProfile.objects.get(user=mentee))
    assert summary.adult_attested is True
    assert summary.has_resume is True
    assert "date_of_birth" not in summary.__dataclass_fields__
    assert str(TWENTY_YEARS_AGO) not in repr(summary)


def test_mentor_profiles_for_several_people_in_one_query(
    django_assert_num_queries,
):
    mentors = [UserFactory() for _ in range(5)]
    for mentor in mentors[:3]:
        mentor_profile_update(user=mentor, actor=mentor, bio="Kernel hacker", skills=["C"])
    with django_assert_num_queries(1):
        profiles = selectors.mentor_profiles_for(users=mentors)
    assert [profiles[m.pk].bio for m in mentors] == ["Kernel hacker"] * 3 + [""] * 2


def test_mentor_profile_refuses_a_bad_url(mentee):
    with pytest.raises(ValidationError) as error:
        mentor_profile_update(user=mentee, actor=mentee, github_url="not a url")
    assert "github_url" in error.value.message_dict
    assert not MentorProfile.objects.exists()


# --- pages -----------------------------------------------------------------------------


def profile_post(**overrides):
    data = {
        "display_name": "Mina",
        "legal_name": "Mina Mentee",
        "pronouns": "she/her",
        "country": "IN",
        "timezone": "Asia/Kolkata",
        "date_of_birth": TWENTY_YEARS_AGO.isoformat(),
        "adult_attested": "on",
        "github_url": "github.com/mina",
        "linkedin_url": "",
        "bio": "Student.",
        "skills_to_grow": "Rust, Kubernetes",
        "skills-TOTAL_FORMS": "3",
        "skills-INITIAL_FORMS": "0",
        "skills-MIN_NUM_FORMS": "0",
        "skills-MAX_NUM_FORMS": "30",
        "skills-0-name": "Python",
        "skills-0-level": "advanced",
        "skills-1-name": "",
        "skills-1-level": "",
        "skills-2-name": "",
        "skills-2-level": "",
    }
    data.update(overrides)
    return data


def test_me_page_links_to_the_profile(mentee):
    response = client_for(mentee).get(reverse("accounts:me"))
    assert reverse("accounts:profile") in response.content.decode()


def test_profile_page_saves_everything_and_shows_what_is_missing(mentee):
    client = client_for(mentee)
    response = client.get(reverse("accounts:profile"))
    assert "Your profile is incomplete" in response.content.decode()
    response = client.post(reverse("accounts:profile"), profile_post(), follow=True)
    page = response.content.decode()
    assert "Your profile is saved." in page
    assert "Still missing for applying: resume (PDF)." in page
    profile = MenteeProfile.objects.get(user=mentee)
    assert profile.country.code == "IN"
    assert profile.github_url == "https://github.com/mina"
    assert profile.skills == [{"name": "Python", "level": "advanced"}]
    assert profile.skills_to_grow == ["Rust", "Kubernetes"]
    assert profile.adult_attested
    mentee.refresh_from_db()
    assert mentee.timezone == "Asia/Kolkata"


def test_profile_page_shows_field_errors_and_saves_nothing(mentee):
    seventeen = timezone.localdate().replace(year=timezone.localdate().year - 17)
    response = client_for(mentee).post(
        reverse("accounts:profile"),
        profile_post(date_of_birth=seventeen.isoformat(), legal_name="Changed"),
    )
    assert response.status_code == 200
    assert "You must be 18 or older" in response.content.decode()
    assert not MenteeProfile.objects.filter(user=mentee).exists()


def test_skill_without_level_is_an_error_next_to_the_row(mentee):
    response = client_for(mentee).post(
        reverse("accounts:profile"), profile_post(**{"skills-0-level": ""})
    )
    assert 'id="id_skills-0-level_error"' in response.content.decode()
    assert not MenteeProfile.objects.filter(user=mentee).exists()


def test_complete_profile_says_so(mentee):
    complete(mentee)
    response = client_for(mentee).get(reverse("accounts:profile"))
    assert "Your profile is complete" in response.content.decode()


def test_profile_page_never_shows_another_persons_profile(mentee, stranger):
    complete(mentee)
    page = client_for(stranger).get(reverse("accounts:profile")).content.decode()
    assert "Ada Lovelace" not in page
    assert "Your profile is incomplete" in page


@pytest.mark.parametrize("skills", [1, 30])
def test_profile_page_query_count_does_not_grow_with_skills(
    mentee, skills, django_assert_max_num_queries
):
    complete(mentee)
    mentee_profile_update(
        user=mentee,
        actor=mentee,
        skills=[{"name": f"skill {i}", "level": "expert"} for i in range(skills)],
    )
    client = client_for(mentee)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("accounts:profile")).status_code == 200


def test_mentor_profile_page(mentee):
    client = client_for(mentee)
    response = client.post(
        reverse("accounts:mentor-profile"),
        {"bio": "I review kernel patches.", "skills": "C, Linux kernel", "github_url": ""},
        follow=True,
    )
    assert "Your mentor profile is saved." in response.content.decode()
    assert MentorProfile.objects.get(user=mentee).skills == ["C", "Linux kernel"]
    response = client.post(reverse("accounts:mentor-profile"), {"website_url": "nope nope"})
    assert "Enter a valid URL." in response.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "accounts:profile",
        "accounts:mentor-profile",
        "accounts:demographics",
    ],
)
def test_personal_pages_ask_anonymous_visitors_to_sign_in(name):
    response = client_for(None).get(reverse(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- API -------------------------------------------------------------------------------


def test_api_profile_read_and_partial_update(mentee):
    client = api_client_for(mentee)
    body = client.get(reverse("api:my-profile")).json()
    assert body["missing_for_applying"][0] == "legal name"
    assert body["resume"] is None
    response = client.patch(
        reverse("api:my-profile"),
        {
            "legal_name": "Mina Mentee",
            "display_name": "Mina M",
            "country": "BR",
            "date_of_birth": TWENTY_YEARS_AGO.isoformat(),
            "adult_attested": True,
            "bio": "Hi",
            "skills": [{"name": "Go", "level": "beginner"}],
            "skills_to_grow": ["Rust"],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["country"] == "BR"
    assert body["display_name"] == "Mina M"
    assert body["adult_attested"] is True
    assert body["missing_for_applying"] == ["resume (PDF)"]


def test_api_resume_upload_makes_the_profile_complete(mentee):
    client = api_client_for(mentee)
    client.patch(
        reverse("api:my-profile"),
        {**COMPLETE_PROFILE, "date_of_birth": TWENTY_YEARS_AGO.isoformat(), "adult_attested": True},
        format="json",
    )
    response = client.put(
        reverse("api:my-resume"), {"file": pdf_upload("cv.pdf")}, format="multipart"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["missing_for_applying"] == []
    assert body["resume"]["name"] == "cv.pdf"
    assert client.get(body["resume"]["download_url"]).status_code == 200


def test_api_profile_errors_are_field_messages_and_nothing_is_saved(mentee):
    response = api_client_for(mentee).patch(
        reverse("api:my-profile"),
        {"legal_name": "Changed", "adult_attested": True},
        format="json",
    )
    assert response.status_code == 400
    assert "date of birth" in response.json()["date_of_birth"][0]
    assert not MenteeProfile.objects.filter(user=mentee).exists()


def test_api_refuses_an_unknown_country(mentee):
    response = api_client_for(mentee).patch(
        reverse("api:my-profile"), {"country": "XX"}, format="json"
    )
    assert response.status_code == 400
    assert "country" in response.json()


def test_api_mentor_profile(mentee):
    client = api_client_for(mentee)
    response = client.patch(
        reverse("api:my-mentor-profile"), {"bio": "Hi", "skills": ["Go"]}, format="json"
    )
    assert response.status_code == 200
    assert client.get(reverse("api:my-mentor-profile")).json()["skills"] == ["Go"]


@pytest.mark.parametrize("name", ["api:my-profile", "api:my-resume", "api:my-mentor-profile"])
def test_api_answers_401_to_anonymous_callers(name):
    assert api_client_for(None).get(reverse(name)).status_code == 401
