"""Who may do what with programs and terms, as named predicates. Default deny.

Members see their organization's programs and terms; only admins change them (configuration
is an admin's job: coordinators and mentors cannot). Platform staff decide on programs and
write cycles from /staff/ (accounts.staff)."""

import rules

from accounts.rules import is_member, is_org_admin

rules.add_perm("programs.view_program", is_member)
rules.add_perm("programs.manage_program", is_org_admin)
rules.add_perm("programs.view_term", is_member)
rules.add_perm("programs.manage_term", is_org_admin)
