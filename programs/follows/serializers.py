from rest_framework import serializers


class FollowSerializer(serializers.Serializer):
    organization = serializers.SlugField(source="program.organization.slug")
    program = serializers.SlugField(source="program.slug")
    name = serializers.CharField(source="program.name", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class FollowSetSerializer(serializers.Serializer):
    organization = serializers.SlugField()
    program = serializers.SlugField()
    following = serializers.BooleanField()
