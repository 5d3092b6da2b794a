"""The personal start page after sign-in: every role's to-dos."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from accounts.organizations.models import Role
from accounts.organizations.selectors import user_memberships
from accounts.people.models import User
from config.start.members import admin_todos, mentee_todos, mentor_todos
from config.start.platform import employer_todos, graduate_todos, staff_todos
from config.start.todo import StartPage


def start_page(*, user: User, now: datetime | None = None) -> StartPage:
    now = now or timezone.now()
    page = StartPage()
    memberships = user_memberships(user=user)
    mentoring = [
        m.organization_id
        for m in memberships
        if m.role in (Role.MENTOR, Role.COORDINATOR, Role.ADMIN)
    ]
    administering = [m.organization_id for m in memberships if m.role == Role.ADMIN]
    page.is_mentor = bool(mentoring)
    page.is_admin = bool(administering)
    mentee_todos(user, now, page)
    # Members of an organization see the mentee part only once they act as a mentee.
    page.show_mentee = not memberships or page.has_applications or page.has_profile
    if mentoring:
        mentor_todos(user, now, page, mentoring)
    if administering:
        admin_todos(user, now, page, administering)
    if user.is_staff:
        staff_todos(page)
    employer_todos(user, page)
    graduate_todos(user, page)
    for todos in (page.mentee, page.mentor, page.admin):
        todos.sort(key=lambda t: (t.due is None, t.due or now))
    return page
