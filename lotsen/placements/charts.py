"""The progression chart: scores per dimension over follow-ups, as SVG geometry.

The template draws the SVG from these numbers; the same numbers fill the table
that is the chart's text alternative.
"""

from dataclasses import dataclass

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
MAX_SCORE = 5
# Distinct in hue and in marker shape, so no series depends on colour alone.
SERIES_STYLES = ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"]


@dataclass
class Series:
    name: str
    style: str
    # Coordinates are preformatted: a Swedish locale would print decimal commas.
    points: list[tuple[str, str, int]]

    @property
    def polyline(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _score in self.points)


@dataclass
class Progression:
    columns: list[str]
    rows: list[tuple[str, list[int | None]]]
    series: list[Series]
    x_labels: list[tuple[str, str]]
    y_ticks: list[tuple[str, int]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    tick_x: int = LEFT - 8
    right_edge: int = WIDTH - RIGHT
    label_y: int = HEIGHT - BOTTOM + 20


def progression(follow_ups: list, dimensions: list) -> Progression | None:
    """Build the chart from follow-ups (ratings prefetched), oldest first."""
    rated = [f for f in follow_ups if f.ratings.all()]
    if not rated:
        return None
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(rated) - 1, 1)

    def x(index: int) -> str:
        return f"{LEFT + (index * step if len(rated) > 1 else plot_width / 2):.1f}"

    def y(score: int) -> str:
        return f"{TOP + plot_height - (score - 1) / (MAX_SCORE - 1) * plot_height:.1f}"

    scores = [{r.dimension_id: r.score for r in f.ratings.all()} for f in rated]
    series = []
    for number, dimension in enumerate(dimensions):
        points = [
            (x(i), y(s[dimension.code]), s[dimension.code])
            for i, s in enumerate(scores)
            if dimension.code in s
        ]
        if points:
            series.append(
                Series(dimension.name, SERIES_STYLES[number % len(SERIES_STYLES)], points)
            )
    columns = [d.name for d in dimensions]
    rows = [
        (
            f"{f.date:%Y-%m-%d} ({f.get_phase_display().lower()})",
            [s.get(d.code) for d in dimensions],
        )
        for f, s in zip(rated, scores, strict=True)
    ]
    x_labels = [(x(i), f"{f.date:%Y-%m-%d}") for i, f in enumerate(rated)]
    y_ticks = [(y(score), score) for score in range(1, MAX_SCORE + 1)]
    return Progression(columns, rows, series, x_labels, y_ticks)
