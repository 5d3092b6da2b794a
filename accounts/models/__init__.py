from .audit import AuditEvent
from .demographics import DEMOGRAPHIC_CATEGORIES, DemographicAnswer
from .invitation import Invitation, InvitationStatus
from .join_request import JoinRequest, JoinRequestStatus
from .membership import Membership, Role
from .organization import Organization
from .organization_request import OrganizationRequest, OrganizationRequestStatus
from .profile import MenteeProfile, MentorProfile, SkillLevel
from .tenant import TenantOwned
from .token import ApiToken
from .upload import StoredFile
from .user import User

__all__ = [
    "DEMOGRAPHIC_CATEGORIES",
    "ApiToken",
    "AuditEvent",
    "DemographicAnswer",
    "Invitation",
    "InvitationStatus",
    "JoinRequest",
    "JoinRequestStatus",
    "Membership",
    "MenteeProfile",
    "MentorProfile",
    "Organization",
    "OrganizationRequest",
    "OrganizationRequestStatus",
    "Role",
    "SkillLevel",
    "StoredFile",
    "TenantOwned",
    "User",
]
