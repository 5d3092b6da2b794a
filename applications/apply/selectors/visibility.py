from django.utils import timezone

from applications.apply.models import Application, ApplicationState

S = ApplicationState


def decision_visible(*, application: Application, now=None) -> bool:
    """Decisions become visible to the mentee at the cycle's results-announcement instant,
    so every organization of the cycle announces together."""
    now = now or timezone.now()
    return now >= application.cycle.results_announced_at


def state_for_mentee(*, application: Application, now=None) -> str:
    """The state the mentee may see: an accepted or declined application reads as
    "submitted" until the cycle announces its results."""
    if application.state in (S.ACCEPTED, S.DECLINED) and not decision_visible(
        application=application, now=now
    ):
        return S.SUBMITTED
    return application.state
