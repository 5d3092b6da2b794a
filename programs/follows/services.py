from django.db import transaction

from programs.follows.models import ProgramFollow


@transaction.atomic
def program_follow_set(*, user, program, following: bool) -> bool:
    """Follows (or stops following) a program the person may see; returns whether it
    changed. Following twice is following once."""
    if following:
        _, created = ProgramFollow.objects.get_or_create(user=user, program=program)
        return created
    return ProgramFollow.objects.filter(user=user, program=program).delete()[0] > 0
