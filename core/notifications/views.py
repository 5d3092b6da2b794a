"""/me/notifications/: the person's own notifications, newest first; mark one or all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.notifications.selectors import (
    notification_get,
    notification_unread_count,
    notifications_of,
)
from core.notifications.services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 30


@login_required
def my_notifications(request):
    page = Paginator(
        notifications_of(user=request.user).select_related("organization"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "core/notifications.html",
        {"page": page, "unread": notification_unread_count(user=request.user)},
    )


@login_required
@require_POST
def my_notification_read(request, notification):
    notification_mark_read(notification=notification_get(user=request.user, public_id=notification))
    return redirect("notifications:mine")


@login_required
@require_POST
def my_notifications_read_all(request):
    marked = notifications_mark_all_read(user=request.user)
    messages.success(request, f"{marked} notification{'s' if marked != 1 else ''} marked read.")
    return redirect("notifications:mine")
