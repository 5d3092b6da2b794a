from .audit import AuditEvent
from .membership import Membership, Role
from .organization import Organization
from .tenant import TenantOwned
from .token import ApiToken
from .user import User

__all__ = ["ApiToken", "AuditEvent", "Membership", "Organization", "Role", "TenantOwned", "User"]
from .invitation import Invitation, InvitationStatus  # noqa: E402
from .join_request import JoinRequest, JoinRequestStatus  # noqa: E402
from .organization_request import OrganizationRequest, OrganizationRequestStatus  # noqa: E402

__all__ += [
    "Invitation",
    "InvitationStatus",
    "JoinRequest",
    "JoinRequestStatus",
    "OrganizationRequest",
    "OrganizationRequestStatus",
]
