"""The demo data `make run` loads: two organizations and one login per role. Loading it
twice changes nothing. Later features add their part in `load_demo` below."""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.invitations.demo import load_demo as load_demo_invitations
from accounts.organizations.models import Membership, Organization, Role
from accounts.people import demo as accounts_demo
from accounts.people.demo import DEMO_PASSWORD
from accounts.people.models import User
from applications.demo import load_demo as load_applications_demo
from core.tenancy import cross_tenant
from mentorship.demo import load_demo as load_mentorship_demo
from mentorship.stats.selectors import latest_snapshot
from mentorship.stats.services import stats_refresh
from payments import demo as payments_demo
from programs.demo import load_demo as load_programs_demo

ORGANIZATIONS = {
    "aurora": ("Aurora Kernel Community", "Mentorship for kernel and systems contributors."),
    "borealis": ("Borealis Cloud Foundation", "Cloud-native projects mentoring new contributors."),
}

# email: (display name, is_staff, [(organization slug, role)])
PEOPLE = {
    "staff@example.org": ("Sam Staff", True, []),
    "admin.aurora@example.org": ("Ada Aurora", False, [("aurora", Role.ADMIN)]),
    "coordinator.aurora@example.org": ("Cora Coordinator", False, [("aurora", Role.COORDINATOR)]),
    "mentor.aurora@example.org": ("Max Mentor", False, [("aurora", Role.MENTOR)]),
    "admin.borealis@example.org": ("Bea Borealis", False, [("borealis", Role.ADMIN)]),
    "mentor.borealis@example.org": ("Mia Mentor", False, [("borealis", Role.MENTOR)]),
    "mentee@example.org": ("Mina Mentee", False, []),
    "graduate@example.org": ("Gus Graduate", False, []),
    "employer@example.org": ("Eve Employer", False, []),
    "alumna@example.org": ("Alina Alumna", False, []),
    "recruiter@example.org": ("Rita Recruiter", False, []),
}


@transaction.atomic
def load_demo() -> dict[str, int]:
    created = _load_organizations_and_people()
    # Profiles: the demo mentee's complete profile with a resume PDF.
    created.update(accounts_demo.load_demo())
    created.update(load_demo_invitations())
    created.update(load_programs_demo())
    created.update(load_applications_demo())
    created.update(payments_demo.load_setup())  # before the confirmations freeze plans
    created.update(load_mentorship_demo())
    created.update(payments_demo.load_demo())
    # The public statistics' first snapshot (with the stipends paid), as the job would write it.
    if latest_snapshot() is None:
        stats_refresh()
    return created


@cross_tenant
def _load_organizations_and_people() -> dict[str, int]:
    """Cross-tenant because the demo creates both demo organizations and the memberships of
    their people at once; it touches only the organizations and addresses listed above,
    looked up by slug and email. Returns how many of each it created."""
    created = {"organizations": 0, "users": 0, "memberships": 0}
    organizations = {}
    for slug, (name, description) in ORGANIZATIONS.items():
        organizations[slug], new = Organization.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        created["organizations"] += new
    for email, (display_name, is_staff, roles) in PEOPLE.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                display_name=display_name,
                is_staff=is_staff,
            )
            created["users"] += 1
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for slug, role in roles:
            _, new = Membership.objects.get_or_create(
                organization=organizations[slug], user=user, defaults={"role": role}
            )
            created["memberships"] += new
    return created
