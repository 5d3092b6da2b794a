"""Django loads each app's `models` module; the models of core live in its slices."""

from core.audit import models as audit  # noqa: F401
from core.idempotency import models as idempotency  # noqa: F401
from core.notifications import models as notifications  # noqa: F401
from core.outbox import models as outbox  # noqa: F401
from core.reminders import models as reminders  # noqa: F401
from core.uploads import models as uploads  # noqa: F401
