"""Hand-written SVG bar charts (no script, no inline style: classes from site.css)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: str
    y: int
    width: float


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    width: int = 640
    label_width: int = 180


def _shown(value: int, hidden: bool) -> str:
    if hidden and not value:
        return "<5 (hidden)"
    return f"at least {value}" if hidden else str(value)


def bar_chart(*, title: str, items: list[tuple[str, int, bool]]) -> BarChart:
    """`items`: (label, value, some part hidden). A value made only of hidden counts draws
    no bar and reads "<5 (hidden)"; one with hidden parts reads "at least N"."""
    top = max([v for _, v, _ in items] + [1])
    room = 640 - 180 - 120
    bars = [
        Bar(
            label=label,
            value=_shown(value, hidden),
            y=10 + i * 28,
            width=round(room * value / top, 1),
        )
        for i, (label, value, hidden) in enumerate(items)
    ]
    return BarChart(title=title, bars=bars, height=20 + 28 * len(items))
