from .audit import AuditEvent
from .membership import Membership, Role
from .organization import Organization
from .token import ApiToken
from .user import User

__all__ = ["ApiToken", "AuditEvent", "Membership", "Organization", "Role", "User"]
