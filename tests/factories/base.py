import factory
from django_scopes import scopes_disabled


class ScopedFactory(factory.django.DjangoModelFactory):
    """Creates tenant-owned rows outside any scope: factories are test setup, not requests."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)
