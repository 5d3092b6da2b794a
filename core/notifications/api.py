"""/api/v1/me/notifications/: the person's own notifications (what was emailed to them),
newest first, with the unread count; mark one or all read."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.notifications.models import Notification
from core.notifications.selectors import (
    notification_get,
    notification_unread_count,
    notifications_of,
)
from core.notifications.serializers import NotificationSerializer
from core.notifications.services import notification_mark_read, notifications_mark_all_read


@extend_schema(tags=["me"], description="Your notifications: every email sent to you, in-app.")
class MyNotificationsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "notification"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Notification.objects.none()
        return notifications_of(user=self.request.user).select_related("organization")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        response.data["unread"] = notification_unread_count(user=request.user)
        return response

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, notification=None):
        item = notification_get(user=request.user, public_id=notification)
        return Response(self.get_serializer(notification_mark_read(notification=item)).data)

    @extend_schema(
        request=None,
        responses=inline_serializer("NotificationsRead", {"marked": serializers.IntegerField()}),
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": notifications_mark_all_read(user=request.user)})
