"""Named permissions of payments. Money is the organization's admins' and platform staff's
business only: coordinators and mentors never see or move it. Staff permissions use
`accounts.staff`."""

import rules

from accounts.rules import is_org_admin

rules.add_perm("payments.view_payouts", is_org_admin)
rules.add_perm("payments.approve_payout", is_org_admin)
rules.add_perm("payments.manage_stipend_policy", is_org_admin)
rules.add_perm("payments.manage_funds", is_org_admin)
