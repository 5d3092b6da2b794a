from core.tenancy import cross_tenant
from programs.follows.models import ProgramFollow


@cross_tenant
def my_follows(*, user) -> list[ProgramFollow]:
    """CROSS-TENANT (a person follows programs of any organization): the person's own
    follows, filtered by the person."""
    return list(
        ProgramFollow.objects.filter(user=user)
        .select_related("program__organization")
        .order_by("program__name", "pk")
    )


def is_following(*, user, program) -> bool:
    if not user.is_authenticated:
        return False
    return ProgramFollow.objects.filter(user=user, program=program).exists()
