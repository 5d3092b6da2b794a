from core.audit.models import AuditEvent


def test_history_pages_name_the_kind_of_object_without_its_app():
    assert AuditEvent(object_type="mentorship.mentorship").object_name == "mentorship"
    assert AuditEvent(object_type="applications.offer").object_name == "offer"
