"""What payments does when mentorship sends its signals (mentorship/signals.py). They run
inside the sender's transaction. A plan whose amount the table cannot give (no version, no
row for the country) never blocks the confirmation: it is made pending and the admins
resolve it."""


def freeze_plan(sender, mentorship, **kwargs) -> None:
    from payments.plans.services import plan_freeze

    plan_freeze(mentorship=mentorship)


def make_payable(sender, evaluation, **kwargs) -> None:
    from payments.payouts.services import checkpoint_passed

    checkpoint_passed(evaluation=evaluation)


def decline_payable(sender, evaluation, actor=None, **kwargs) -> None:
    from payments.payouts.services import checkpoint_failed

    checkpoint_failed(evaluation=evaluation, actor=actor)
