"""Demo data of the applications app, one module per area (each idempotent), loaded in
the order their data builds on: mentees apply, reviewers review, admins decide."""

from applications import demo_decisions, demo_mentee, demo_review


def load_demo() -> dict[str, int]:
    created: dict[str, int] = {}
    for area in (demo_mentee, demo_review, demo_decisions):
        created.update(area.load_demo())
    return created
