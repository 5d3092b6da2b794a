from accounts.organizations.selectors import user_memberships
from core.notifications.selectors import notification_unread_count


def navigation(request):
    """The navigation bar: the person's organizations and their unread notifications (each
    counted only when the page shows it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_memberships": [], "nav_unread": 0}
    return {
        "nav_memberships": lambda: user_memberships(user=user),
        "nav_unread": lambda: notification_unread_count(user=user),
    }
