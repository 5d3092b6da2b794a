"""A timeline drawn on the server: the geometry of an accessible SVG (no script) of dated
points with today marked, rendered by `templates/core/_timeline.html` through the
`{% timeline %}` tag (core/templatetags/timelines.py). No domain knowledge: callers pass
anything with `label` and `at` (and optionally `note`, `calendar_url`, `is_today`).

The drawing scales to its container (a viewBox, width 100%), so it fits a 390 px phone;
its colours are site.css variables (classes, no inline styles, for the CSP). Each point
carries the number of its entry in the list drawn next to it, which is the text
alternative (the SVG also has a <title> and a <desc> saying the span and where today is)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from core.dates import format_date

# viewBox units; drawn at most 36rem wide (site.css), so text stays readable from a 390 px
# phone (about 11 px) to a laptop (about 18 px).
WIDTH = 480
HEIGHT = 100
PAD = 26  # room for a number or "Today" at either end
TRACK_Y = 64
NUMBER_Y = (46, 31, 16)  # rows, so numbers of points close together do not overlap
CLOSE = 20  # a number closer than this (viewBox units) to another takes the next row
TODAY_STRETCH = 0.25  # today widens the drawn span by at most this share of it


@dataclass
class TimelinePoint:
    number: int
    label: str
    at: datetime
    note: str = ""
    x: float = 0.0
    number_y: int = NUMBER_Y[0]
    is_past: bool = False
    is_today: bool = False
    calendar_url: str = ""


@dataclass
class TimelineDrawing:
    title: str
    description: str
    points: list[TimelinePoint]
    now: datetime
    today_x: float | None  # None when today is far outside the span
    today_anchor: str = "middle"
    past_x: float = PAD  # the track is drawn "done" up to here
    width: int = WIDTH
    height: int = HEIGHT
    track_y: int = TRACK_Y
    pad: int = PAD
    track_end: int = WIDTH - PAD
    entries: list = field(default_factory=list)  # the list: points and today, in order


@dataclass
class TodayEntry:
    at: datetime
    is_today: bool = True


def timeline_drawing(*, title: str, items: Iterable, now: datetime) -> TimelineDrawing:
    raw = sorted(
        (item for item in items if not getattr(item, "is_today", False) and item.at),
        key=lambda item: item.at,
    )
    points = [
        TimelinePoint(
            number=index,
            label=str(item.label),
            at=item.at,
            note=getattr(item, "note", "") or "",
            calendar_url=getattr(item, "calendar_url", "") or "",
            is_past=item.at < now,
        )
        for index, item in enumerate(raw, start=1)
    ]
    drawing = TimelineDrawing(
        title=title, description="", points=points, now=now, today_x=None, entries=[]
    )
    if not points:
        drawing.description = "No dates yet."
        return drawing
    first, last = points[0].at, points[-1].at
    span = (last - first).total_seconds() or 1.0
    start = min(first.timestamp(), max(now.timestamp(), first.timestamp() - span * TODAY_STRETCH))
    end = max(last.timestamp(), min(now.timestamp(), last.timestamp() + span * TODAY_STRETCH))
    drawn = (end - start) or 1.0
    usable = WIDTH - 2 * PAD

    def x_of(timestamp: float) -> float:
        return round(PAD + usable * (timestamp - start) / drawn, 1)

    last_in_row: list[float | None] = [None] * len(NUMBER_Y)
    for point in points:
        point.x = x_of(point.at.timestamp())
        # The lowest row with room; when none has, the one whose last number is farthest.
        free = [r for r, x in enumerate(last_in_row) if x is None or point.x - x >= CLOSE]
        row = free[0] if free else min(range(len(NUMBER_Y)), key=lambda r: last_in_row[r])
        point.number_y = NUMBER_Y[row]
        last_in_row[row] = point.x
    if start <= now.timestamp() <= end:
        drawing.today_x = x_of(now.timestamp())
        if drawing.today_x < PAD + 20:
            drawing.today_anchor = "start"
        elif drawing.today_x > WIDTH - PAD - 20:
            drawing.today_anchor = "end"
    drawing.past_x = min(max(x_of(now.timestamp()), PAD), WIDTH - PAD)
    past = [p for p in points if p.is_past]
    entries: list = list(past) + [TodayEntry(at=now)] + points[len(past) :]
    drawing.entries = entries
    drawing.description = _describe(points, past, now)
    return drawing


def _day(value: datetime) -> str:
    return format_date(timezone.localtime(value))


def _describe(points: list[TimelinePoint], past: list[TimelinePoint], now: datetime) -> str:
    count = len(points)
    text = (
        f"{count} date{'s' if count != 1 else ''} from {_day(points[0].at)} "
        f"to {_day(points[-1].at)}, numbered as in the list that follows. "
    )
    today = f"Today, {_day(now)}, "
    if not past:
        return text + today + f"comes before the first ({points[0].label})."
    if len(past) == count:
        return text + today + f"comes after the last ({points[-1].label})."
    return text + today + f"falls between {past[-1].label} and {points[len(past)].label}."
