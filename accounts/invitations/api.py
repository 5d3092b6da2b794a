"""API of invitations, join requests and organization requests: the same services and
rules as the pages. Organization admins under /api/v1/orgs/<org>/, the invitee and the
requester under /api/v1/me/, platform staff under /api/v1/staff/."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.invitations import selectors as invitations_selectors
from accounts.invitations.filters import JoinRequestFilterSet, OrganizationRequestFilterSet
from accounts.invitations.models import (
    Invitation,
    JoinRequest,
    OrganizationRequest,
)
from accounts.invitations.serializers import (
    InvitationCreateSerializer,
    InvitationSerializer,
    JoinRequestCreateSerializer,
    JoinRequestSerializer,
    MyInvitationSerializer,
    MyJoinRequestSerializer,
    NewOrganizationRequestApproveSerializer,
    NewOrganizationRequestCreateSerializer,
    NewOrganizationRequestSerializer,
    ReasonSerializer,
    RequiredReasonSerializer,
    StaffNewOrganizationRequestSerializer,
)
from accounts.invitations.services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_decline,
    invitation_resend,
    invitation_revoke,
)
from accounts.invitations.services.join_requests import (
    join_request_approve,
    join_request_create,
    join_request_decline,
)
from accounts.invitations.services.organization_requests import (
    organization_request_approve,
    organization_request_create,
    organization_request_decline,
)
from accounts.organizations import selectors
from accounts.organizations.serializers import MyMembershipSerializer
from accounts.tenancy import OrganizationAPIMixin, StaffAPIMixin
from core.api import UUID_REGEX
from core.filters import ListFilterBackend


def _valid(serializer_class, request):
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data


# Organization admins --------------------------------------------------------------------


@extend_schema(
    tags=["organizations"],
    description="Invitations of the organization (admins). Creating one emails a link to the "
    "address; resend emails a new link and extends the expiry by 14 days; revoke kills the "
    "link. Inviting a member or an address with a pending invitation is refused (400).",
)
class OrganizationInvitationsViewSet(
    OrganizationAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = InvitationSerializer
    organization_permission = "accounts.manage_invitations"
    lookup_field = "public_id"
    lookup_url_kwarg = "invitation"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Invitation.objects.none()
        return invitations_selectors.organization_invitations(organization=self.organization)

    @extend_schema(request=InvitationCreateSerializer, responses={201: InvitationSerializer})
    def create(self, request, *args, **kwargs):
        invitation, _token = invitation_create(
            organization=self.organization,
            actor=request.user,
            **_valid(InvitationCreateSerializer, request),
        )
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: InvitationSerializer})
    @action(detail=True, methods=["post"])
    def resend(self, request, *args, **kwargs):
        invitation, _token = invitation_resend(invitation=self.get_object(), actor=request.user)
        return Response(InvitationSerializer(invitation).data)

    @extend_schema(request=None, responses={200: InvitationSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request, *args, **kwargs):
        invitation = invitation_revoke(invitation=self.get_object(), actor=request.user)
        return Response(InvitationSerializer(invitation).data)


@extend_schema(
    tags=["organizations"],
    description="Requests to join the organization as mentor (admins). Approving makes the "
    "person a mentor; declining takes an optional reason. The person is told by email.",
)
class OrganizationJoinRequestsViewSet(
    OrganizationAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = JoinRequestSerializer
    organization_permission = "accounts.decide_join_requests"
    lookup_field = "public_id"
    lookup_url_kwarg = "join_request"
    lookup_value_regex = UUID_REGEX
    filter_backends = [ListFilterBackend]
    filterset_class = JoinRequestFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return JoinRequest.objects.none()
        return invitations_selectors.organization_join_requests(organization=self.organization)

    @extend_schema(request=None, responses={200: JoinRequestSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        join_request = self.get_object()
        join_request_approve(join_request=join_request, actor=request.user)
        return Response(JoinRequestSerializer(join_request).data)

    @extend_schema(request=ReasonSerializer, responses={200: JoinRequestSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, *args, **kwargs):
        join_request = join_request_decline(
            join_request=self.get_object(),
            actor=request.user,
            reason=_valid(ReasonSerializer, request).get("reason", ""),
        )
        return Response(JoinRequestSerializer(join_request).data)


# The signed-in person -------------------------------------------------------------------


@extend_schema(
    tags=["me"],
    description="Invitations sent to your verified addresses. The list holds the pending "
    "ones; anyone else's invitation answers 404. Accepting makes you a member.",
)
class MyInvitationsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = MyInvitationSerializer
    pagination_class = None
    lookup_url_kwarg = "invitation"
    lookup_value_regex = UUID_REGEX

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Invitation.objects.none()
        return invitations_selectors.user_pending_invitations(user=self.request.user)

    def get_object(self):
        return invitations_selectors.user_invitation_get(
            user=self.request.user, public_id=self.kwargs["invitation"]
        )

    def retrieve(self, request, *args, **kwargs):
        return Response(MyInvitationSerializer(self.get_object()).data)

    @extend_schema(request=None, responses={200: MyMembershipSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, *args, **kwargs):
        membership = invitation_accept(invitation=self.get_object(), user=request.user)
        return Response(MyMembershipSerializer(membership).data)

    @extend_schema(request=None, responses={200: MyInvitationSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, *args, **kwargs):
        invitation = invitation_decline(invitation=self.get_object(), user=request.user)
        return Response(MyInvitationSerializer(invitation).data)


@extend_schema(
    tags=["me"],
    description="Your requests to join organizations as mentor. One pending request per "
    "organization; members cannot ask.",
)
class MyJoinRequestsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = MyJoinRequestSerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return JoinRequest.objects.none()
        return invitations_selectors.user_join_requests(user=self.request.user)

    @extend_schema(request=JoinRequestCreateSerializer, responses={201: MyJoinRequestSerializer})
    def create(self, request, *args, **kwargs):
        data = _valid(JoinRequestCreateSerializer, request)
        organization = selectors.public_organization_get(slug=data["organization"])
        join_request = join_request_create(
            organization=organization, user=request.user, message=data.get("message", "")
        )
        return Response(MyJoinRequestSerializer(join_request).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["me"],
    description="Your requests for new organizations. One pending request at a time; staff "
    "answer by email.",
)
class MyOrganizationRequestsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NewOrganizationRequestSerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return OrganizationRequest.objects.none()
        return invitations_selectors.user_organization_requests(user=self.request.user)

    @extend_schema(
        request=NewOrganizationRequestCreateSerializer,
        responses={201: NewOrganizationRequestSerializer},
    )
    def create(self, request, *args, **kwargs):
        organization_request = organization_request_create(
            user=request.user, **_valid(NewOrganizationRequestCreateSerializer, request)
        )
        return Response(
            NewOrganizationRequestSerializer(organization_request).data,
            status=status.HTTP_201_CREATED,
        )


# Platform staff -------------------------------------------------------------------------


@extend_schema(
    tags=["staff"],
    description="Requests for new organizations (staff). Approving creates the organization "
    "with the requester as admin; declining needs a reason. The requester is told by email.",
)
class StaffOrganizationRequestsViewSet(
    StaffAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = StaffNewOrganizationRequestSerializer
    lookup_field = "public_id"
    lookup_url_kwarg = "organization_request"
    lookup_value_regex = UUID_REGEX
    filter_backends = [ListFilterBackend]
    filterset_class = OrganizationRequestFilterSet

    def get_queryset(self):
        return invitations_selectors.staff_organization_requests()

    @extend_schema(
        request=NewOrganizationRequestApproveSerializer,
        responses={200: StaffNewOrganizationRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        organization_request = self.get_object()
        organization_request_approve(
            organization_request=organization_request,
            actor=request.user,
            **_valid(NewOrganizationRequestApproveSerializer, request),
        )
        return Response(StaffNewOrganizationRequestSerializer(organization_request).data)

    @extend_schema(
        request=RequiredReasonSerializer, responses={200: StaffNewOrganizationRequestSerializer}
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, *args, **kwargs):
        organization_request = organization_request_decline(
            organization_request=self.get_object(),
            actor=request.user,
            reason=_valid(RequiredReasonSerializer, request)["reason"],
        )
        return Response(StaffNewOrganizationRequestSerializer(organization_request).data)
