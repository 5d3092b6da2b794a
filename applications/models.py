"""Django loads each app's `models` module; the models of applications live in its slices."""

from applications.apply import models as apply  # noqa: F401
from applications.decisions import models as decisions  # noqa: F401
from applications.ranking import models as ranking  # noqa: F401
from applications.review import models as review  # noqa: F401
