"""What payments does when mentorship sends its signals (mentorship/signals.py). They run
inside the sender's transaction: a plan that cannot be frozen refuses the confirmation with
the reason, rather than leaving a mentorship without its stipend."""


def freeze_plan(sender, mentorship, **kwargs) -> None:
    from payments.plans.services import plan_freeze

    plan_freeze(mentorship=mentorship)


def make_payable(sender, evaluation, **kwargs) -> None:
    from payments.payouts.services import checkpoint_passed

    checkpoint_passed(evaluation=evaluation)


def decline_payable(sender, evaluation, actor=None, **kwargs) -> None:
    from payments.payouts.services import checkpoint_failed

    checkpoint_failed(evaluation=evaluation, actor=actor)
