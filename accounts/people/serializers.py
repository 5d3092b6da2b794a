from rest_framework import serializers

from accounts.people.models import User


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["public_id", "email", "display_name", "timezone", "is_staff"]
        read_only_fields = ["public_id", "email", "is_staff"]
