from django.db.models import QuerySet

from accounts.organizations.models import Organization
from programs.prerequisites.models import Prerequisite


def organization_prerequisites(*, organization: Organization) -> QuerySet[Prerequisite]:
    return Prerequisite.objects.filter(organization=organization).select_related("term")


def standing_prerequisites(*, organization: Organization) -> QuerySet[Prerequisite]:
    return Prerequisite.objects.filter(organization=organization, term__isnull=True)
