"""SVG geometry for the indicator charts, drawn by templates on the server.

A bar chart shows each row of an indicator as two horizontal bars, the period
and the one before it, told apart by a pattern as well as a colour; a line
chart shows one row over a trail of periods, each point marked by a shape.
Coordinates are preformatted strings: a Swedish locale would print decimal
commas into the SVG. Hidden and missing values draw no bar; the table under
each chart holds the same figures, with "<5" where a count is small and ".." where
one is hidden only to protect a small one (decision 0154).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format

WIDTH = 640
LABEL_WIDTH = 200
RIGHT = 130
BAR = 14
GAP = 4
ROW_GAP = 14
TOP = 8
LINE_HEIGHT = 240
LINE_LEFT, LINE_BOTTOM, LINE_TOP = 56, 40, 16


def _f(value: float) -> str:
    return f"{value:.1f}"


@dataclass
class Bar:
    y: str
    width: str
    text_x: str
    text_y: str
    text: str
    style: str  # "current" or "previous": a CSS class with its own fill pattern


@dataclass
class BarRow:
    label: str
    label_y: str
    bars: list[Bar]


@dataclass
class BarChart:
    rows: list[BarRow]
    height: int
    width: int = WIDTH
    left: int = LABEL_WIDTH
    label_x: int = LABEL_WIDTH - 8


def _magnitude(value) -> float:
    return float(value) if value is not None and value > 0 else 0.0


def bar_chart(result, *, current_label: str, previous_label: str) -> BarChart | None:
    """Bars for an IndicatorResult's rows (value and previous); None when there is nothing."""
    if not result.applicable or not result.rows:
        return None
    peak = max(
        [_magnitude(row.value) for row in result.rows]
        + [_magnitude(row.previous) for row in result.rows]
    )
    scale = (WIDTH - LABEL_WIDTH - RIGHT) / peak if peak else 0
    rows, y = [], TOP
    for row in result.rows:
        bars = []
        for style, value, text, label in (
            ("previous", row.previous, row.previous_text, previous_label),
            ("current", row.value, row.value_text, current_label),
        ):
            width = _magnitude(value) * scale
            bars.append(
                Bar(
                    y=_f(y),
                    width=_f(width),
                    text_x=_f(LABEL_WIDTH + width + 4),
                    text_y=_f(y + BAR - 3),
                    text=f"{text} ({label})" if style == "previous" else text,
                    style=style,
                )
            )
            y += BAR + GAP
        rows.append(BarRow(row.label, _f(y - GAP - BAR), bars))
        y += ROW_GAP
    return BarChart(rows, int(y))


@dataclass
class Point:
    x: str
    y: str
    text: str


@dataclass
class LineChart:
    points: list[Point]
    x_labels: list[tuple[str, str]]
    y_ticks: list[tuple[str, str]]
    width: int = WIDTH
    height: int = LINE_HEIGHT
    left: int = LINE_LEFT
    tick_x: int = LINE_LEFT - 6
    right_edge: int = WIDTH - 16
    baseline: str = _f(LINE_HEIGHT - LINE_BOTTOM)
    label_y: int = LINE_HEIGHT - LINE_BOTTOM + 18

    @property
    def segments(self) -> list[str]:
        """Polylines over runs of known values; a hidden or missing value breaks the line."""
        runs, run = [], []
        for point in self.points:
            if point.y:
                run.append(f"{point.x},{point.y}")
            elif run:
                runs.append(" ".join(run))
                run = []
        if run:
            runs.append(" ".join(run))
        return runs


def line_chart(labels: list[str], values: list, texts: list[str]) -> LineChart | None:
    known = [_magnitude(v) for v in values if v is not None]
    if not known:
        return None
    peak = max(known) or 1.0
    plot_width = WIDTH - LINE_LEFT - 16
    plot_height = LINE_HEIGHT - LINE_TOP - LINE_BOTTOM
    step = plot_width / max(len(labels) - 1, 1)

    def y_of(value) -> str:
        return _f(LINE_TOP + plot_height - _magnitude(value) / peak * plot_height)

    points = [
        Point(_f(LINE_LEFT + i * step), y_of(v) if v is not None else "", text)
        for i, (v, text) in enumerate(zip(values, texts, strict=True))
    ]
    x_labels = [(_f(LINE_LEFT + i * step), label) for i, label in enumerate(labels)]
    ticks = [Decimal(0), Decimal(str(peak)) / 2, Decimal(str(peak))]
    y_ticks = [(y_of(t), number_format(t.normalize(), force_grouping=True)) for t in ticks]
    return LineChart(points, x_labels, y_ticks)
