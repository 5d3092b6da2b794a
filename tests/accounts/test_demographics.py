"""Optional demographics: stored only with consent per category, in their own table, never
shown on a page, counted only in aggregate with small numbers hidden, erasable."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.people.models import DemographicAnswer
from accounts.people.selectors import demographic_statistics
from accounts.people.services import demographics_erase, demographics_set
from core.audit.models import AuditEvent
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def answer(value, consent=True):
    return {"value": value, "consent": consent}


@pytest.fixture
def person(db):
    return UserFactory(email="dana@example.test")


def test_answers_are_stored_only_with_consent(person):
    with pytest.raises(ValidationError) as error:
        demographics_set(
            user=person, answers={"gender": answer("woman"), "disability": answer("no", False)}
        )
    assert "consent" in error.value.message_dict["disability"][0]
    assert not DemographicAnswer.objects.exists()


def test_unanswered_or_removed_categories_are_deleted(person):
    demographics_set(user=person, answers={"gender": answer("woman"), "lgbtqia": answer("yes")})
    demographics_set(user=person, answers={"gender": answer("another"), "lgbtqia": answer("")})
    assert dict(DemographicAnswer.objects.values_list("category", "value")) == {"gender": "another"}


def test_an_answer_outside_the_list_is_refused(person):
    with pytest.raises(ValidationError, match="Choose one of"):
        demographics_set(user=person, answers={"gender": answer("robot")})


def test_erasing_deletes_every_answer_and_records_no_values(person):
    demographics_set(user=person, answers={"gender": answer("man"), "age_range": answer("25_34")})
    assert demographics_erase(user=person) == 2
    assert not DemographicAnswer.objects.filter(user=person).exists()
    for event in AuditEvent.objects.with_scopes_disabled().filter(
        action__startswith="demographics."
    ):
        assert "man" not in str(event.data) and "25_34" not in str(event.data)


def test_statistics_hide_answers_given_by_fewer_than_five_people():
    for _ in range(7):
        demographics_set(user=UserFactory(), answers={"gender": answer("woman")})
    for _ in range(2):
        demographics_set(user=UserFactory(), answers={"gender": answer("non_binary")})
    stats = {s.category: s for s in demographic_statistics()}
    assert [(b.value, b.count) for b in stats["gender"].buckets] == [("woman", 7)]
    assert stats["gender"].hidden_buckets == 1
    assert stats["disability"].buckets == []


def test_statistics_can_be_limited_to_a_group_of_people():
    group = [UserFactory() for _ in range(5)]
    for user in [*group, UserFactory()]:
        demographics_set(user=user, answers={"disability": answer("yes")})
    stats = {s.category: s for s in demographic_statistics(users=[u.pk for u in group])}
    assert [b.count for b in stats["disability"].buckets] == [5]


def test_demographics_page_saves_with_consent_and_explains_refusals(person):
    client = client_for(person)
    response = client.post(reverse("accounts:demographics"), {"gender": "woman"})
    assert "Tick the consent box" in response.content.decode()
    assert not DemographicAnswer.objects.exists()
    response = client.post(
        reverse("accounts:demographics"), {"gender": "woman", "gender_consent": "on"}, follow=True
    )
    assert "Your answers are saved." in response.content.decode()
    response = client.post(reverse("accounts:demographics-erase"), follow=True)
    assert "erased" in response.content.decode()
    assert not DemographicAnswer.objects.exists()


def test_answers_never_appear_on_the_profile_or_account_pages(person):
    demographics_set(user=person, answers={"gender": answer("non_binary")})
    client = client_for(person)
    for name in ("accounts:me", "accounts:profile"):
        assert "Non-binary" not in client.get(reverse(name)).content.decode()


def test_api_read_replace_and_erase_own_answers(person):
    client = api_client_for(person)
    url = reverse("api:my-demographics")
    refused = client.put(
        url, {"answers": [{"category": "gender", "value": "man", "consent": False}]}, format="json"
    )
    assert refused.status_code == 400
    assert "consent" in refused.json()["gender"][0]
    response = client.put(
        url, {"answers": [{"category": "gender", "value": "man", "consent": True}]}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["answers"] == [{"category": "gender", "value": "man", "consent": True}]
    assert client.delete(url).status_code == 204
    assert client.get(url).json()["answers"] == []


def test_api_shows_only_your_own_answers(person, stranger):
    demographics_set(user=person, answers={"gender": answer("woman")})
    assert api_client_for(stranger).get(reverse("api:my-demographics")).json()["answers"] == []
    assert api_client_for(None).get(reverse("api:my-demographics")).status_code == 401


def test_staff_see_only_aggregate_counts(staff_user, person):
    for _ in range(5):
        demographics_set(user=UserFactory(), answers={"age_range": answer("25_34")})
    demographics_set(user=person, answers={"age_range": answer("45_plus")})
    page = client_for(staff_user).get(reverse("accounts:staff-demographics")).content.decode()
    assert "<td>25–34</td><td>5</td>" in page
    assert "45 or older" not in page
    assert "1 answer given by fewer than 5 people, hidden." in page
    assert person.email not in page


def test_statistics_page_is_404_for_everyone_but_staff(person, org_a):
    for user in (person, org_a.admin):
        response = client_for(user).get(reverse("accounts:staff-demographics"))
        assert response.status_code == 404
