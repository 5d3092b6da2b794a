"""Who may do what with an application on the mentee's side. Default deny.

Only the applicant acts on their application (pages and API look it up by public id and
applicant, so anyone else gets a 404 before a permission is asked). Prerequisite files are
visible to the applicant; the review area adds reviewers with
`allow_prerequisite_file_viewers(predicate)` (user, Application) -> bool."""

import rules


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and user.is_authenticated and application.applicant_id == user.pk


_file_viewers: list = [is_applicant]


def allow_prerequisite_file_viewers(predicate) -> None:
    """Adds a predicate (user, Application) -> bool that also grants
    `applications.view_prerequisite_file`."""
    if not isinstance(predicate, rules.Predicate):
        predicate = rules.predicate(predicate)
    _file_viewers.append(predicate)


@rules.predicate
def may_view_prerequisite_file(user, application) -> bool:
    return any(predicate(user, application) for predicate in _file_viewers)


rules.add_perm("applications.change_own_application", is_applicant)
rules.add_perm("applications.view_prerequisite_file", may_view_prerequisite_file)
