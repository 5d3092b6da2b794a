from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.organizations import selectors
from accounts.organizations import serializers as s
from accounts.organizations.models import Membership
from accounts.organizations.services import (
    membership_change_role,
    membership_remove,
    organization_create,
    organization_policy_update,
    organization_update,
)
from accounts.tenancy import OrganizationAPIMixin, StaffAPIMixin


@extend_schema(tags=["me"], description="Your memberships in organizations, with your role.")
class MyOrganizationsView(generics.ListAPIView):
    serializer_class = s.MyMembershipSerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return selectors.user_memberships(user=self.request.user)


@extend_schema(tags=["organizations"], description="The organization. Any member.")
class OrganizationDetailView(OrganizationAPIMixin, generics.RetrieveAPIView):
    serializer_class = s.OrganizationSerializer

    def get_object(self):
        return self.organization


@extend_schema(
    tags=["organizations"],
    description="The organization's policy: whether the mentors of a term may shortlist its "
    "applicants (`mentors_may_shortlist`) and decline them (`mentors_may_decide`; accepting "
    "stays with admins). Any member reads; admins change.",
)
class OrganizationPolicyView(OrganizationAPIMixin, APIView):
    organization_permission = "accounts.view_policy"
    permission_map = {"patch": "accounts.manage_policy"}

    @extend_schema(responses={200: s.OrganizationPolicySerializer})
    def get(self, request, *args, **kwargs):
        return Response(s.OrganizationPolicySerializer(self.viewer.policy).data)

    @extend_schema(
        request=s.OrganizationPolicySerializer, responses={200: s.OrganizationPolicySerializer}
    )
    def patch(self, request, *args, **kwargs):
        data = s.OrganizationPolicySerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        policy = organization_policy_update(
            organization=self.organization, actor=request.user, **data.validated_data
        )
        return Response(s.OrganizationPolicySerializer(policy).data)


@extend_schema(
    tags=["organizations"],
    description="Members and their roles. Listing: any member. Changing a role and removing: "
    "admins. The last admin cannot be removed or demoted. Nobody is added here: a person "
    "becomes a member by accepting an invitation (`/orgs/{org}/invitations/`).",
)
class MembersViewSet(
    OrganizationAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.MemberSerializer
    lookup_url_kwarg = "member"
    organization_permission = "accounts.view_members"
    permission_map = {
        "partial_update": "accounts.manage_members",
        "destroy": "accounts.manage_members",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return selectors.organization_members(organization=self.organization)

    @extend_schema(request=s.MemberRoleSerializer, responses={200: s.MemberSerializer})
    def partial_update(self, request, *args, **kwargs):
        data = s.MemberRoleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = membership_change_role(
            membership=self.get_object(), actor=request.user, role=data.validated_data["role"]
        )
        return Response(s.MemberSerializer(membership).data)

    def perform_destroy(self, instance):
        membership_remove(membership=instance, actor=self.request.user)


@extend_schema(tags=["staff"], description="Organizations (tenants). Platform staff only.")
class StaffOrganizationsViewSet(
    StaffAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "options"]

    def get_queryset(self):
        return selectors.staff_organizations()

    def get_serializer_class(self):
        if self.action == "partial_update":
            return s.OrganizationUpdateSerializer
        return s.OrganizationSerializer

    def perform_create(self, serializer):
        serializer.instance = organization_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        organization_update(
            organization=self.get_object(), actor=self.request.user, **serializer.validated_data
        )
