"""Mentorships confirmed before evaluations existed get their checkpoints, from their own
dates, like mentorship.evaluations.services.evaluations_create does for new ones."""

from django.db import migrations

WEEKS = {
    "full_time": {"evaluation_1": 3, "midterm": 6, "evaluation_3": 9, "final": 12},
    "part_time": {"evaluation_1": 6, "midterm": 12, "evaluation_3": 18, "final": 24},
}
DATE_FIELDS = {
    "evaluation_1": "evaluation_1_at",
    "midterm": "midterm_at",
    "evaluation_3": "evaluation_3_at",
    "final": "final_at",
}


def create_checkpoints(apps, schema_editor):
    Mentorship = apps.get_model("mentorship", "Mentorship")
    Evaluation = apps.get_model("mentorship", "Evaluation")
    rows = []
    for mentorship in Mentorship.objects.select_related("term").filter(evaluations=None):
        for kind, week in WEEKS[mentorship.term.kind].items():
            due = getattr(mentorship, DATE_FIELDS[kind])
            if due is None:
                continue
            rows.append(
                Evaluation(
                    organization_id=mentorship.organization_id,
                    mentorship=mentorship,
                    kind=kind,
                    week=week,
                    required=kind in ("midterm", "final"),
                    due_at=due,
                )
            )
    Evaluation.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("mentorship", "0003_term_work")]

    operations = [migrations.RunPython(create_checkpoints, migrations.RunPython.noop)]
