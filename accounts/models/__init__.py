from .audit import AuditEvent
from .membership import Membership, Role
from .organization import Organization
from .tenant import TenantOwned
from .token import ApiToken
from .user import User

__all__ = ["ApiToken", "AuditEvent", "Membership", "Organization", "Role", "TenantOwned", "User"]
from .demographics import DEMOGRAPHIC_CATEGORIES, DemographicAnswer  # noqa: E402
from .profile import MenteeProfile, MentorProfile, SkillLevel  # noqa: E402
from .upload import StoredFile  # noqa: E402

__all__ += [
    "DEMOGRAPHIC_CATEGORIES",
    "DemographicAnswer",
    "MenteeProfile",
    "MentorProfile",
    "SkillLevel",
    "StoredFile",
]
