"""Django loads each app's `models` module; the models of mentorship live in its slices."""

from mentorship.announcements import models as announcements  # noqa: F401
from mentorship.assignments import models as assignments  # noqa: F401
from mentorship.calendars import models as calendars  # noqa: F401
from mentorship.certificates import models as certificates  # noqa: F401
from mentorship.evaluations import models as evaluations  # noqa: F401
from mentorship.graduates import models as graduates  # noqa: F401
from mentorship.mentorships import models as mentorships  # noqa: F401
from mentorship.runs import models as runs  # noqa: F401
from mentorship.stats import models as stats  # noqa: F401
