"""Who may do what with an application on the mentee's side. Default deny.

Only the applicant acts on their application (pages and API look it up by public id and
applicant, so anyone else gets a 404 before a permission is asked). A prerequisite file is
visible to the applicant and to the people who review the application's term (admins,
coordinators, the term's mentors), never to a mentor of another term."""

import rules

from programs.rules import is_term_reviewer


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and user.is_authenticated and application.applicant_id == user.pk


rules.add_perm("applications.change_own_application", is_applicant)
rules.add_perm("applications.view_prerequisite_file", is_applicant | is_term_reviewer)
