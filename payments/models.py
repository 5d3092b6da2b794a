"""Django loads each app's `models` module; the models of payments live in its slices."""

from payments.funds import models as funds  # noqa: F401
from payments.payouts import models as payouts  # noqa: F401
from payments.plans import models as plans  # noqa: F401
from payments.tables import models as tables  # noqa: F401
