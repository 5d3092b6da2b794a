from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The roof: settings, URLs, the Celery app and the demo data (`manage.py load_demo`)."""

    name = "config"
