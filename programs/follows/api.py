"""The person's followed programs (/api/v1/me/following/): GET lists them; POST follows or
stops following one (`following`), a program the person may see."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from programs.catalog import selectors as catalog_selectors
from programs.follows import serializers as s
from programs.follows.selectors import my_follows
from programs.follows.services import program_follow_set


class MyFollowsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["me"],
        operation_id="me_following_list",
        description="The programs you follow: you hear when a term's applications open.",
        responses={200: s.FollowSerializer(many=True)},
    )
    def get(self, request):
        return Response(s.FollowSerializer(my_follows(user=request.user), many=True).data)

    @extend_schema(
        tags=["me"],
        operation_id="me_following_set",
        description="Follow (`following: true`) or stop following a program. 404 for a "
        "program you may not see.",
        request=s.FollowSetSerializer,
        responses={200: s.FollowSetSerializer},
    )
    def post(self, request):
        data = s.FollowSetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        program = catalog_selectors.public_program(
            org=data.validated_data["organization"],
            slug=data.validated_data["program"],
            user=request.user,
        )
        program_follow_set(
            user=request.user, program=program, following=data.validated_data["following"]
        )
        return Response(data.validated_data)
