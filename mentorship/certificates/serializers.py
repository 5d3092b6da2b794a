from rest_framework import serializers

from mentorship.certificates.models import Certificate
from mentorship.certificates.pdf import verification_address


class CertificateSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="verification_id", read_only=True)
    mentorship = serializers.UUIDField(source="mentorship.public_id", read_only=True)
    verification_url = serializers.SerializerMethodField()
    revoked = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "mentorship",
            "mentee_name",
            "program_name",
            "organization_name",
            "starts_at",
            "ends_at",
            "issued_at",
            "revoked",
            "revoked_at",
            "revoke_reason",
            "verification_url",
        ]
        read_only_fields = fields

    def get_verification_url(self, obj) -> str:
        return verification_address(obj)

    def get_revoked(self, obj) -> bool:
        return obj.revoked_at is not None


class RevokeInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
