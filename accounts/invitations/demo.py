"""Demo data of invitations and join requests: in Aurora, one pending invitation (to
new.mentor@example.org, who has no account yet) and one request to join as mentor (from
graduate@example.org). Loading twice changes nothing."""

from django.utils import timezone
from django_scopes import scope

from accounts.invitations.models import (
    INVITATION_LIFETIME,
    Invitation,
    InvitationStatus,
    JoinRequest,
    JoinRequestStatus,
    invitation_new_token,
    invitation_token_hash,
)
from accounts.organizations.models import Organization, Role
from accounts.people.models import User

INVITED_EMAIL = "new.mentor@example.org"
JOINER_EMAIL = "graduate@example.org"


def load_demo() -> dict[str, int]:
    created = {"invitations": 0, "join_requests": 0}
    aurora = Organization.objects.filter(slug="aurora").first()
    if aurora is None:
        return created
    admin = User.objects.filter(email="admin.aurora@example.org").first()
    joiner = User.objects.filter(email=JOINER_EMAIL).first()
    # Both rows are aurora's.
    with scope(organization=aurora):
        if not Invitation.objects.filter(
            organization=aurora, email=INVITED_EMAIL, status=InvitationStatus.PENDING
        ).exists():
            now = timezone.now()
            # The link's token is not kept (only its hash); "Resend" on the members page
            # emails a working one.
            Invitation.objects.create(
                organization=aurora,
                email=INVITED_EMAIL,
                role=Role.MENTOR,
                token_hash=invitation_token_hash(invitation_new_token()),
                invited_by=admin,
                sent_at=now,
                expires_at=now + INVITATION_LIFETIME,
            )
            created["invitations"] += 1
        if (
            joiner is not None
            and not JoinRequest.objects.filter(
                organization=aurora, user=joiner, status=JoinRequestStatus.PENDING
            ).exists()
        ):
            JoinRequest.objects.create(
                organization=aurora,
                user=joiner,
                message="I graduated from the kernel term last year and would love to give back "
                "as a mentor for the scheduler projects.",
            )
            created["join_requests"] += 1
    return created
