"""Who may revoke a letter of completion: the organization's admins and platform staff
(`mentorship.revoke_certificate`). Anyone may verify one at /verify/<id>/."""

import rules

from accounts.rules import is_org_admin, is_platform_staff

rules.add_perm("mentorship.revoke_certificate", is_org_admin | is_platform_staff)
