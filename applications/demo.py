"""Demo data of the applications app, one module per area (each idempotent), loaded in
the order their data builds on: mentees apply, reviewers review, admins decide."""

from applications.apply import demo as demo_mentee
from applications.decisions import demo as demo_decisions
from applications.review import demo as demo_review


def load_demo() -> dict[str, int]:
    created: dict[str, int] = {}
    for area in (demo_mentee, demo_review, demo_decisions):
        created.update(area.load_demo())
    return created
