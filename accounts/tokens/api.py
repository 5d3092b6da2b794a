from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response

from accounts.mfa import (
    TOKEN_NEEDS_SECOND_FACTOR_MESSAGE,
    second_factor_passed,
    token_creation_allowed,
)
from accounts.tokens import selectors as tokens_selectors
from accounts.tokens import serializers as tokens_serializers
from accounts.tokens.models import ApiToken
from accounts.tokens.services import api_token_create, api_token_revoke


@extend_schema(tags=["me"], description="Your personal API tokens (stored hashed).")
class MyTokensViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = tokens_serializers.ApiTokenSerializer
    lookup_field = "token_key"
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return tokens_selectors.user_api_tokens(user=self.request.user)

    @extend_schema(
        request=tokens_serializers.ApiTokenCreateSerializer,
        responses={201: tokens_serializers.ApiTokenCreatedSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = tokens_serializers.ApiTokenCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not token_creation_allowed(request):
            raise exceptions.PermissionDenied(TOKEN_NEEDS_SECOND_FACTOR_MESSAGE)
        token, secret = api_token_create(
            user=request.user,
            name=data.validated_data["name"],
            second_factor=second_factor_passed(request),
        )
        body = tokens_serializers.ApiTokenSerializer(token).data | {"token": secret}
        return Response(body, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        api_token_revoke(user=self.request.user, token_key=instance.token_key)
