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


def _shown(value, hidden: bool, unit: str) -> str:
    if hidden and not value:
        return "<5 (hidden)"
    text = f"{value:,.2f} {unit}" if unit else str(value)
    return f"at least {text}" if hidden else text


def bar_chart(*, title: str, items: list[tuple[str, int, bool]], unit: str = "") -> BarChart:
    """`items`: (label, value, some part hidden). A value made only of hidden counts draws
    no bar and reads "<5 (hidden)"; one with hidden parts reads "at least N". With a `unit`
    (a currency) the value is an amount of money, written with two decimals."""
    top = max([v for _, v, _ in items] + [1])
    room = 640 - 180 - 120
    bars = [
        Bar(
            label=label,
            value=_shown(value, hidden, unit),
            y=10 + i * 28,
            width=round(float(room * value / top), 1),
        )
        for i, (label, value, hidden) in enumerate(items)
    ]
    return BarChart(title=title, bars=bars, height=20 + 28 * len(items))
