"""Django loads each app's `models` module; the models of programs live in its slices."""

from programs.cycles import models as cycles  # noqa: F401
from programs.follows import models as follows  # noqa: F401
from programs.prerequisites import models as prerequisites  # noqa: F401
from programs.programs import models as programs  # noqa: F401
from programs.terms import models as terms  # noqa: F401
