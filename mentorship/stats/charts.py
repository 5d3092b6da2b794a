"""Hand-written SVG bar charts (no script, no inline style: classes from site.css)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: float


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    width: int = 640
    label_width: int = 180


def bar_chart(*, title: str, items: list[tuple[str, int]]) -> BarChart:
    top = max([v for _, v in items] + [1])
    room = 640 - 180 - 60
    bars = [
        Bar(label=label, value=value, y=10 + i * 28, width=round(room * value / top, 1))
        for i, (label, value) in enumerate(items)
    ]
    return BarChart(title=title, bars=bars, height=20 + 28 * len(items))
