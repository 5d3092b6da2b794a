"""Django loads each app's `models` module; the models of accounts live in its slices."""

from accounts.invitations import models as invitations  # noqa: F401
from accounts.organizations import models as organizations  # noqa: F401
from accounts.people import models as people  # noqa: F401
from accounts.tokens import models as tokens  # noqa: F401
