from django.db.models import QuerySet

from accounts.people.models import User
from accounts.tokens.models import ApiToken


def user_api_tokens(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created")
