from accounts.organizations.selectors import user_memberships


def navigation(request):
    """The navigation bar: the person's organizations and whether they are staff."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_memberships": []}
    return {"nav_memberships": lambda: user_memberships(user=user)}
