"""The term's evaluations: checkpoints from the mentorship's own dates, verdicts (pass, fail,
extend), graduation, corrections and the mentee's feedback."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope
from pypdf import PdfReader

from applications.apply.selectors.eligibility import mentee_has_graduated
from core.audit.models import AuditEvent
from core.outbox.models import OutboxEmail
from mentorship.certificates.models import Certificate
from mentorship.certificates.pdf import certificate_pdf
from mentorship.certificates.services import certificate_revoke
from mentorship.evaluations.models import EvaluationVerdict, MenteeFeedback
from mentorship.evaluations.services.feedback import feedback_submit
from mentorship.evaluations.services.verdicts import evaluation_correct, evaluation_verdict
from mentorship.mentorships.models import Mentorship
from mentorship.mentorships.services import mentorship_end
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory
from tests.factories.mentorship import confirmed_mentorship

pytestmark = pytest.mark.django_db

RUBRIC = {"progress": 4, "communication": 5, "comment": "Solid work."}


def checkpoint(mentorship, kind):
    return mentorship.evaluations.get(kind=kind)


def give(mentorship, kind, actor, verdict="pass", **extra):
    """The verdict given the day the checkpoint is due."""
    evaluation = checkpoint(mentorship, kind)
    return evaluation_verdict(
        evaluation=evaluation,
        actor=actor,
        verdict=verdict,
        now=evaluation.due_at,
        **{**RUBRIC, **extra},
    )


def refreshed(mentorship):
    return Mentorship.objects.get(pk=mentorship.pk)


@pytest.mark.parametrize(
    ("kind", "weeks"), [("full_time", [3, 6, 9, 12]), ("part_time", [6, 12, 18, 24])]
)
def test_checkpoints_come_from_the_mentorships_own_dates(org_a, kind, weeks):
    mentorship = confirmed_mentorship(org_a, kind=kind)
    with scope(organization=org_a.organization):
        rows = list(mentorship.evaluations.order_by("week"))
        assert [r.week for r in rows] == weeks
        assert [r.kind for r in rows] == ["evaluation_1", "midterm", "evaluation_3", "final"]
        assert [r.required for r in rows] == [False, True, False, True]
        start = mentorship.starts_at
        for row in rows:
            assert row.due_at == start + timedelta(weeks=row.week)
        assert rows[1].due_at == mentorship.midterm_at
        assert rows[3].due_at == mentorship.final_at


def test_a_checkpoint_opens_a_week_before_it_is_due(org_a):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        midterm = checkpoint(mentorship, "midterm")
        with pytest.raises(ValidationError, match="opens on"):
            evaluation_verdict(
                evaluation=midterm,
                actor=org_a.mentor,
                verdict="pass",
                now=midterm.due_at - timedelta(days=8),
                **RUBRIC,
            )
        evaluation_verdict(
            evaluation=midterm,
            actor=org_a.mentor,
            verdict="pass",
            now=midterm.due_at - timedelta(days=7),
            **RUBRIC,
        )
        assert checkpoint(mentorship, "midterm").state == "passed"


def test_only_a_mentor_of_the_mentorship_or_an_admin_gives_verdicts(org_a, org_b):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        for outsider in (org_a.coordinator, org_b.admin, UserFactory()):
            with pytest.raises(PermissionDenied):
                give(mentorship, "midterm", outsider)
        assert not EvaluationVerdict.objects.exists()
        give(mentorship, "midterm", org_a.admin)


def test_bad_verdicts_are_refused_and_write_nothing(org_a):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        with pytest.raises(ValidationError) as error:
            give(mentorship, "midterm", org_a.mentor, verdict="fail", reason="  ")
        assert "reason" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            give(mentorship, "midterm", org_a.mentor, progress=9)
        assert "progress" in error.value.message_dict
        with pytest.raises(ValidationError):
            give(mentorship, "midterm", org_a.mentor, verdict="maybe")
        with pytest.raises(ValidationError, match="midterm evaluation first"):
            give(mentorship, "final", org_a.mentor)
        assert not EvaluationVerdict.objects.exists()
        assert refreshed(mentorship).state == "active"


def test_extension_moves_only_this_mentorships_remaining_dates(org_a):
    mentorship = confirmed_mentorship(org_a)
    other = confirmed_mentorship(org_a, term=mentorship.term)
    with scope(organization=org_a.organization):
        before = refreshed(mentorship)
        other_before = refreshed(other)
        give(mentorship, "evaluation_1", org_a.mentor)
        give(mentorship, "midterm", org_a.mentor, verdict="extend", weeks=2)
        after = refreshed(mentorship)
        two = timedelta(weeks=2)
        assert after.extension_weeks == 2
        assert after.evaluation_1_at == before.evaluation_1_at  # already behind
        assert after.midterm_at == before.midterm_at + two
        assert after.evaluation_3_at == before.evaluation_3_at + two
        assert after.final_at == before.final_at + two
        assert after.ends_at == before.ends_at + two
        assert checkpoint(after, "midterm").due_at == after.midterm_at
        assert checkpoint(after, "midterm").state == "pending"  # waits for another verdict
        assert checkpoint(after, "final").due_at == after.final_at
        other_after = refreshed(other)
        assert other_after.midterm_at == other_before.midterm_at
        assert other_after.ends_at == other_before.ends_at
        assert AuditEvent.objects.filter(action="mentorship.extended").count() == 1
        assert OutboxEmail.objects.filter(
            to=mentorship.mentee.email, subject__contains="extended"
        ).exists()


def test_extensions_stop_at_five_weeks_in_total(org_a):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        give(mentorship, "midterm", org_a.mentor, verdict="extend", weeks=3)
        mentorship = refreshed(mentorship)
        with pytest.raises(ValidationError) as error:
            give(mentorship, "midterm", org_a.mentor, verdict="extend", weeks=3)
        assert "2 left" in str(error.value.message_dict["weeks"])
        assert refreshed(mentorship).extension_weeks == 3
        give(mentorship, "midterm", org_a.mentor, verdict="extend", weeks=2)
        with pytest.raises(ValidationError):
            give(refreshed(mentorship), "midterm", org_a.mentor, verdict="extend", weeks=1)
        with pytest.raises(ValidationError):
            give(refreshed(mentorship), "midterm", org_a.mentor, verdict="extend", weeks=0)
        assert refreshed(mentorship).extension_weeks == 5


def test_a_fail_ends_the_mentorship_and_tells_the_mentee(org_a):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        give(mentorship, "midterm", org_a.mentor, verdict="fail", reason="No work since week 2.")
        failed = refreshed(mentorship)
        assert failed.state == "failed"
        assert failed.end_reason == "No work since week 2."
        assert failed.ended_at is not None
        assert checkpoint(failed, "midterm").state == "failed"
        mail = OutboxEmail.objects.filter(to=mentorship.mentee.email, subject__contains="failed")
        assert "No work since week 2." in mail.get().text_body
        assert AuditEvent.objects.filter(action="mentorship.failed").exists()
        with pytest.raises(ValidationError, match="takes? no more verdicts"):
            give(failed, "final", org_a.mentor)


def test_a_final_pass_graduates_and_issues_the_certificate(org_a):
    mentorship = confirmed_mentorship(org_a)
    mentee = mentorship.mentee
    assert not mentee_has_graduated(mentee)
    with scope(organization=org_a.organization):
        give(mentorship, "midterm", org_a.mentor)
        give(mentorship, "final", org_a.mentor)
        graduated = refreshed(mentorship)
        assert graduated.state == "graduated"
        certificate = Certificate.objects.get(mentorship=graduated)
        assert certificate.mentee_name == f"{mentee.name} Legal"
        assert certificate.program_name == graduated.term.program.name
        mail = OutboxEmail.objects.get(to=mentee.email, subject__contains="graduated")
        assert f"/verify/{certificate.verification_id}/" in mail.text_body
    # The cycle's rule on earlier graduates now fires.
    assert mentee_has_graduated(mentee)


def test_the_certificate_pdf_parses_and_carries_the_verification_address(org_a):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        give(mentorship, "midterm", org_a.mentor)
        give(mentorship, "final", org_a.mentor)
        certificate = Certificate.objects.get(mentorship=mentorship)
        data = certificate_pdf(certificate)
    reader = PdfReader(io.BytesIO(data))
    text = reader.pages[0].extract_text()
    assert f"/verify/{certificate.verification_id}/" in text
    assert certificate.mentee_name in text
    assert "Letter of completion" in text
    assert reader.pages[0].images  # the QR code
    response = client_for(mentorship.mentee).get(
        reverse("mentorship:me-mentorship-certificate", kwargs={"mentorship": mentorship.public_id})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # Nobody else downloads it through /me/.
    other = client_for(org_a.coordinator).get(
        reverse("mentorship:me-mentorship-certificate", kwargs={"mentorship": mentorship.public_id})
    )
    assert other.status_code == 404


def test_verification_page_shows_the_letter_and_its_revocation(org_a, org_b, client):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        give(mentorship, "midterm", org_a.mentor)
        give(mentorship, "final", org_a.mentor)
        certificate = Certificate.objects.get(mentorship=mentorship)
    url = reverse("mentorship:verify", kwargs={"verification": certificate.verification_id})
    page = client.get(url).content.decode()
    assert certificate.mentee_name in page
    assert certificate.organization_name in page
    assert "Valid" in page and "Revoked" not in page
    assert (
        client.get(reverse("mentorship:verify", kwargs={"verification": "nope"})).status_code == 404
    )
    with scope(organization=org_a.organization):
        for outsider in (org_a.mentor, org_a.coordinator, org_b.admin):
            with pytest.raises(PermissionDenied):
                certificate_revoke(certificate=certificate, actor=outsider, reason="x")
        with pytest.raises(ValidationError):
            certificate_revoke(certificate=certificate, actor=org_a.admin, reason=" ")
        certificate_revoke(certificate=certificate, actor=org_a.admin, reason="Plagiarised work.")
        with pytest.raises(ValidationError, match="already revoked"):
            certificate_revoke(certificate=certificate, actor=org_a.admin, reason="again")
    page = client.get(url).content.decode()
    assert "Revoked" in page and "Plagiarised work." in page


def test_staff_revoke_a_certificate(org_a, staff_user):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        give(mentorship, "midterm", org_a.mentor)
        give(mentorship, "final", org_a.mentor)
        certificate = Certificate.objects.get(mentorship=mentorship)
        certificate_revoke(certificate=certificate, actor=staff_user, reason="Identity fraud.")
        assert Certificate.objects.get(pk=certificate.pk).revoke_reason == "Identity fraud."


def test_an_admin_corrects_a_verdict_and_both_are_kept(org_a):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        give(mentorship, "midterm", org_a.mentor, verdict="fail", reason="Missed the demo.")
        midterm = checkpoint(mentorship, "midterm")
        with pytest.raises(PermissionDenied):
            evaluation_correct(evaluation=midterm, actor=org_a.mentor, verdict="pass", reason="x")
        with pytest.raises(ValidationError):
            evaluation_correct(evaluation=midterm, actor=org_a.admin, verdict="pass", reason="")
        evaluation_correct(
            evaluation=midterm, actor=org_a.admin, verdict="pass", reason="The demo was sent."
        )
        assert refreshed(mentorship).state == "active"
        verdicts = list(midterm.verdicts.order_by("created_at"))
        assert [v.verdict for v in verdicts] == ["fail", "pass"]
        assert verdicts[1].corrects_id == verdicts[0].pk
        # A final pass corrected to a fail: the graduate fails and the letter is revoked.
        give(refreshed(mentorship), "final", org_a.mentor)
        assert refreshed(mentorship).state == "graduated"
        evaluation_correct(
            evaluation=checkpoint(mentorship, "final"),
            actor=org_a.admin,
            verdict="fail",
            reason="Final work was not the mentee's.",
        )
        assert refreshed(mentorship).state == "failed"
        assert Certificate.objects.get(mentorship=mentorship).revoked_at is not None


def test_mentee_feedback_is_kept_from_mentors(org_a):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        midterm_due = mentorship.midterm_at
        with pytest.raises(ValidationError, match="opens on"):
            feedback_submit(
                mentorship=mentorship,
                mentee=mentorship.mentee,
                kind="midterm",
                mentorship_rating=4,
                program_rating=3,
                now=midterm_due - timedelta(days=10),
            )
        with pytest.raises(PermissionDenied):
            feedback_submit(
                mentorship=mentorship,
                mentee=org_a.mentor,
                kind="midterm",
                mentorship_rating=4,
                program_rating=3,
                now=midterm_due,
            )
        feedback_submit(
            mentorship=mentorship,
            mentee=mentorship.mentee,
            kind="midterm",
            mentorship_rating=2,
            program_rating=5,
            comments="My mentor rarely answers SECRET-FEEDBACK.",
            now=midterm_due,
        )
        with pytest.raises(ValidationError, match="already"):
            feedback_submit(
                mentorship=mentorship,
                mentee=mentorship.mentee,
                kind="midterm",
                mentorship_rating=2,
                program_rating=5,
                now=midterm_due,
            )
        assert MenteeFeedback.objects.count() == 1
    url = reverse(
        "mentorship:org-mentorship",
        kwargs={"org": org_a.organization.slug, "mentorship": mentorship.public_id},
    )
    assert "SECRET-FEEDBACK" in client_for(org_a.admin).get(url).content.decode()
    for person in (org_a.mentor, org_a.coordinator):
        page = client_for(person).get(url)
        assert page.status_code == 200
        assert "SECRET-FEEDBACK" not in page.content.decode()
    api = reverse("api:feedback-list", kwargs={"org": org_a.organization.slug})
    assert api_client_for(org_a.mentor).get(api).status_code == 403
    assert "SECRET-FEEDBACK" in api_client_for(org_a.admin).get(api).content.decode()
    evaluations = reverse("api:evaluations-list", kwargs={"org": org_a.organization.slug})
    assert "SECRET-FEEDBACK" not in api_client_for(org_a.mentor).get(evaluations).content.decode()


def test_ending_a_mentorship_tells_mentee_and_mentors(org_a):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        mentorship_end(mentorship=mentorship, actor=org_a.admin, reason="Left the project.")
        recipients = set(
            OutboxEmail.objects.filter(subject__contains="ended").values_list("to", flat=True)
        )
    assert {mentorship.mentee.email, org_a.mentor.email} <= recipients


def test_only_a_required_checkpoint_is_ever_overdue(org_a):
    from mentorship.evaluations.selectors import mentorship_evaluations
    from mentorship.mentorships.selectors import term_mentorships

    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        first = checkpoint(mentorship, "evaluation_1")
        after_first = first.due_at + timedelta(days=1)
        rows = {e.kind: e for e in mentorship_evaluations(mentorship=mentorship, now=after_first)}
        assert not rows["evaluation_1"].is_overdue
        standing = term_mentorships(
            organization=org_a.organization, term_id=mentorship.term_id, now=after_first
        ).get(pk=mentorship.pk)
        assert standing.standing == "on_track"
        after_midterm = mentorship.midterm_at + timedelta(days=1)
        rows = {e.kind: e for e in mentorship_evaluations(mentorship=mentorship, now=after_midterm)}
        assert rows["midterm"].is_overdue
        standing = term_mentorships(
            organization=org_a.organization, term_id=mentorship.term_id, now=after_midterm
        ).get(pk=mentorship.pk)
        assert standing.standing == "evaluation_overdue"


def test_an_optional_checkpoint_is_skipped_once_a_later_one_has_its_verdict(org_a):
    from mentorship.evaluations.selectors import mentorship_evaluations

    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        give(mentorship, "midterm", org_a.mentor)
        with pytest.raises(ValidationError, match="skipped"):
            give(mentorship, "evaluation_1", org_a.mentor)
        rows = {e.kind: e for e in mentorship_evaluations(mentorship=mentorship)}
        assert rows["evaluation_1"].is_skipped and not rows["evaluation_1"].is_open
        assert not rows["evaluation_3"].is_skipped
