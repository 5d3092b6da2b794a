"""Who may do what in the decisions area, as named predicates (organization-level). The
object-level part (a mentor decides only on their own terms' applicants, nobody decides on
an applicant they declared a conflict with) is in applications.selectors.decisions
(`may_accept`, `may_decline`), checked by the services."""

import rules

from accounts.rules import is_member, is_org_admin, is_org_coordinator, is_org_mentor
from applications.decisions.selectors import decision_settings


@rules.predicate
def mentors_may_decide(user, organization) -> bool:
    return (
        organization is not None and decision_settings(organization=organization).mentors_may_decide
    )


may_decline = is_org_admin | is_org_coordinator | (is_org_mentor & mentors_may_decide)

# The decision page of an application (summary, state, offer, buttons for what the role may do).
rules.add_perm("applications.view_decision", is_member)
rules.add_perm("applications.accept_application", is_org_admin)
rules.add_perm("applications.decline_application", may_decline)
rules.add_perm("applications.bulk_decline", is_org_admin | is_org_coordinator)
# Every state change, who made it and why: admins.
rules.add_perm("applications.view_application_history", is_org_admin)
rules.add_perm("applications.manage_decision_settings", is_org_admin)
rules.add_perm("applications.view_mentorships", is_member)
rules.add_perm("applications.end_mentorship", is_org_admin)
