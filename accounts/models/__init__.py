from .audit import AuditEvent
from .membership import Membership, Role
from .organization import Organization
from .tenant import TenantOwned
from .token import ApiToken
from .user import User

__all__ = ["ApiToken", "AuditEvent", "Membership", "Organization", "Role", "TenantOwned", "User"]
