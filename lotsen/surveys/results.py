"""Results of a survey per question, and comparison of rounds.

The whole survey is summarised in a fixed number of grouped queries,
whatever the number of responses. Counts below the small-cell limit are
hidden from everyone but the coordinator ("<5"), together with one more cell
when a single hidden one could be worked out from the total ("..", decision 0154).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.db.models import Count
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lotsen.core.models import SupportArea
from lotsen.core.small_cells import Hidden, is_small, protects_any, suppress

from .models import Answer, Question, Response, Survey

BINS = 5


@dataclass
class Cell:
    label: str
    count: int
    share: Decimal | None = None
    hidden: Hidden | None = None  # why the count is hidden; None when it is shown
    mean: Decimal | None = None

    def text(self, value: Decimal | None, unit: str = "") -> str | None:
        """The value as a chart writes it beside its bar; a hidden count's mark."""
        if self.hidden:
            return str(self.hidden)
        return None if value is None else f"{number_format(value)}{unit}"


@dataclass
class QuestionResult:
    question: Question
    answered: int
    cells: list[Cell] = field(default_factory=list)
    mean: Decimal | None = None
    median: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    texts: list[str] = field(default_factory=list)
    hidden: bool = False  # fewer than SMALL_CELL_LIMIT answered: nothing is shown

    @property
    def protects(self) -> bool:
        """Whether a count is hidden only to protect another: the table explains ".."."""
        return protects_any(cell.hidden for cell in self.cells)

    @property
    def kind(self) -> str:
        question_type = self.question.type
        if question_type == Question.Type.MATRIX:
            return "matrix"
        if question_type in Question.TEXT_TYPES:
            return "text"
        if question_type in (Question.Type.SCALE, Question.Type.NUMBER):
            return "numeric"
        return "choice"

    @property
    def chart(self) -> "BarChart":
        if self.kind == "matrix":
            return BarChart.of(
                [(cell.label, cell.mean, cell.text(cell.mean)) for cell in self.cells],
                maximum=Decimal(5),
            )
        return BarChart.of(
            [(cell.label, cell.share, cell.text(cell.share, " %")) for cell in self.cells],
            maximum=Decimal(100),
        )


def _round(value, places: str = "0.1") -> Decimal:
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _suppress(cells: list[Cell], show_small: bool) -> None:
    if show_small:
        return
    for index, reason in suppress([cell.count for cell in cells]).items():
        cells[index].hidden = reason
        cells[index].share = None
        cells[index].mean = None


def _with_shares(cells: list[Cell], total: int) -> list[Cell]:
    for cell in cells:
        cell.share = _round(Decimal(cell.count) * 100 / total) if total else None
    return cells


def survey_results(
    survey: Survey, *, viewer_sees_small_cells: bool, filters: dict | None = None
) -> list[QuestionResult]:
    questions = list(survey.questions.order_by("position", "version"))
    answers = Answer.objects.of_submitted(survey).filter(**(filters or {}))
    answered = dict(
        answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    choice_counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in answers.exclude(choice="").values("question_id", "choice").annotate(n=Count("id")):
        choice_counts[row["question_id"]][row["choice"]] = row["n"]
    number_counts: dict[tuple[int, str | None], dict[Decimal, int]] = defaultdict(dict)
    for row in (
        answers.exclude(number=None)
        .values("question_id", "row_id", "number")
        .annotate(n=Count("id"))
    ):
        number_counts[(row["question_id"], row["row_id"])][row["number"]] = row["n"]
    multiple_ids = [q.pk for q in questions if q.type == Question.Type.MULTIPLE_CHOICE]
    for question_id, selected in answers.filter(question_id__in=multiple_ids).values_list(
        "question_id", "choices"
    ):
        for value in selected:
            counts = choice_counts[question_id]
            counts[value] = counts.get(value, 0) + 1
    texts: dict[int, list[str]] = defaultdict(list)
    if viewer_sees_small_cells:
        for question_id, text in answers.exclude(text="").values_list("question_id", "text"):
            texts[question_id].append(text)
    areas = list(SupportArea.objects.all())

    results = []
    for question in questions:
        base = answered.get(question.pk, 0)
        result = QuestionResult(question=question, answered=base)
        result.hidden = not viewer_sees_small_cells and is_small(base)
        if question.type in (
            Question.Type.SINGLE_CHOICE,
            Question.Type.YES_NO,
            Question.Type.MULTIPLE_CHOICE,
        ):
            counts = choice_counts.get(question.pk, {})
            result.cells = _with_shares(
                [
                    Cell(label, counts.get(value, 0))
                    for value, label in question.choice_labels.items()
                ],
                base,
            )
            _suppress(result.cells, viewer_sees_small_cells)
        elif question.type in (Question.Type.SCALE, Question.Type.NUMBER):
            distribution = number_counts.get((question.pk, None), {})
            _describe_numbers(result, distribution)
            if question.type == Question.Type.SCALE:
                result.cells = _with_shares(
                    [
                        Cell(_scale_label(question, point), distribution.get(Decimal(point), 0))
                        for point in Question.SCALE_POINTS
                    ],
                    base,
                )
            else:
                result.cells = _with_shares(_bins(distribution), base)
            _suppress(result.cells, viewer_sees_small_cells)
        elif question.type == Question.Type.MATRIX:
            for area in areas:
                distribution = number_counts.get((question.pk, area.code), {})
                n = sum(distribution.values())
                cell = Cell(area.name, n)
                if n:
                    cell.mean = _round(sum(v * c for v, c in distribution.items()) / n, "0.01")
                result.cells.append(cell)
            if not viewer_sees_small_cells:
                for cell in result.cells:
                    if is_small(cell.count):
                        cell.hidden, cell.mean = Hidden.SMALL, None
        else:
            result.texts = texts.get(question.pk, [])
        if result.hidden:
            result.mean = result.median = result.minimum = result.maximum = None
            result.cells = [Cell(cell.label, 0, hidden=Hidden.SMALL) for cell in result.cells]
        results.append(result)
    return results


def _scale_label(question: Question, point: int) -> str:
    if point == 1 and question.scale_min_label:
        return f"1 – {question.scale_min_label}"
    if point == 5 and question.scale_max_label:
        return f"5 – {question.scale_max_label}"
    return str(point)


def _describe_numbers(result: QuestionResult, distribution: dict[Decimal, int]) -> None:
    n = sum(distribution.values())
    if not n:
        return
    values = sorted(distribution)
    expanded = [value for value in values for _count in range(distribution[value])]
    result.mean = _round(sum(v * c for v, c in distribution.items()) / n, "0.01")
    result.median = _round(median(expanded), "0.01")
    result.minimum, result.maximum = values[0], values[-1]


def _bins(distribution: dict[Decimal, int]) -> list[Cell]:
    """Five equal-width ranges between the lowest and highest answer."""
    if not distribution:
        return []
    low, high = min(distribution), max(distribution)
    if low == high:
        return [Cell(number_format(low), sum(distribution.values()))]
    width = (high - low) / BINS
    counts = [0] * BINS
    for value, count in distribution.items():
        counts[min(int((value - low) / width), BINS - 1)] += count
    return [
        Cell(
            _("%(low)s–%(high)s")
            % {
                "low": number_format(_round(low + width * i, "1")),
                "high": number_format(_round(low + width * (i + 1), "1")),
            },
            count,
        )
        for i, count in enumerate(counts)
    ]


# Charts ---------------------------------------------------------------------

CHART_WIDTH = 400
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
ROW_GAP = 10


@dataclass
class Bar:
    label: str
    text: str
    width: float
    label_y: int
    bar_y: int
    series: int = 0


@dataclass
class BarChart:
    """A horizontal bar chart laid out for an SVG of fixed view box.

    Each row has its label above its bar so that nothing is cut at 320 px;
    the value is written after the bar, so colour never carries meaning alone.
    """

    bars: list[Bar]
    height: int
    width: int = CHART_WIDTH

    @classmethod
    def of(cls, rows, *, maximum: Decimal) -> "BarChart":
        return cls.grouped(
            [(label, [(value, text)]) for label, value, text in rows], maximum=maximum
        )

    @classmethod
    def grouped(cls, rows, *, maximum: Decimal) -> "BarChart":
        bars, y = [], 0
        usable = CHART_WIDTH - 90
        for label, values in rows:
            label_y = y + 14
            y += LABEL_HEIGHT
            for series, (value, text) in enumerate(values):
                width = (
                    float(value) / float(maximum) * usable if value is not None and maximum else 0
                )
                bars.append(
                    Bar(
                        label=label if series == 0 else "",
                        text=text if text is not None else _("hidden"),
                        width=round(width, 1),
                        label_y=label_y,
                        bar_y=y,
                        series=series,
                    )
                )
                y += BAR_HEIGHT + 2
            y += ROW_GAP
        return cls(bars=bars, height=max(y, 1))


# Comparison of rounds ---------------------------------------------------------


@dataclass
class RoundValue:
    survey: Survey
    value: Decimal | None
    answered: int


@dataclass
class ComparisonRow:
    label: str
    values: list[RoundValue]

    @property
    def change(self) -> Decimal | None:
        known = [value.value for value in self.values if value.value is not None]
        if len(known) < 2 or self.values[0].value is None or self.values[-1].value is None:
            return None
        return self.values[-1].value - self.values[0].value

    @property
    def change_size(self) -> Decimal | None:
        return None if self.change is None else abs(self.change)


@dataclass
class QuestionComparison:
    key: str
    text: str
    measure: str
    rows: list[ComparisonRow]

    @property
    def chart(self) -> BarChart:
        known = [value.value for row in self.rows for value in row.values if value.value]
        if self.measure == "share":
            maximum = Decimal(100)
        elif all(value <= 5 for value in known):
            maximum = Decimal(5)
        else:
            maximum = max(known)
        return BarChart.grouped(
            [
                (
                    row.label,
                    [
                        (
                            value.value,
                            None
                            if value.value is None
                            else f"{value.survey.round_name}: {number_format(value.value)}"
                            + (" %" if self.measure == "share" else ""),
                        )
                        for value in row.values
                    ],
                )
                for row in self.rows
            ],
            maximum=maximum,
        )


def compare_rounds(
    rounds: list[Survey], *, viewer_sees_small_cells: bool, filters: dict | None = None
) -> list[QuestionComparison]:
    """Each question key asked in more than one of the rounds, measured per round."""
    per_round = {
        survey.pk: {
            result.question.key: result
            for result in survey_results(
                survey, viewer_sees_small_cells=viewer_sees_small_cells, filters=filters
            )
            if result.question.is_current
        }
        for survey in rounds
    }
    keys: list[str] = []
    for survey in rounds:
        for key in per_round[survey.pk]:
            if key not in keys:
                keys.append(key)
    comparisons = []
    for key in keys:
        present = [per_round[survey.pk].get(key) for survey in rounds]
        asked = [result for result in present if result is not None]
        if len(asked) < 2 or asked[-1].kind == "text":
            continue
        latest = asked[-1]
        if latest.kind == "numeric":
            measure = "mean"
            rows = [
                ComparisonRow(
                    _("Mean"),
                    [
                        RoundValue(
                            survey,
                            result.mean if result else None,
                            result.answered if result else 0,
                        )
                        for survey, result in zip(rounds, present, strict=True)
                    ],
                )
            ]
        else:
            measure = "mean" if latest.kind == "matrix" else "share"
            rows = []
            for index, cell in enumerate(latest.cells):
                values = []
                for survey, result in zip(rounds, present, strict=True):
                    other = None
                    if result is not None:
                        other = next((c for c in result.cells if c.label == cell.label), None)
                        if other is None and index < len(result.cells):
                            other = result.cells[index]
                    value = (
                        None
                        if other is None
                        else (other.mean if measure == "mean" else other.share)
                    )
                    values.append(RoundValue(survey, value, other.count if other else 0))
                rows.append(ComparisonRow(cell.label, values))
        comparisons.append(QuestionComparison(key, latest.question.text, measure, rows))
    return comparisons


PANEL_KEYS = ("staff-total", "staff-from-target-group", "work-training-participants", "turnover")


def census_panel(rounds: list[Survey]) -> tuple[list[Question], list[dict]]:
    """Figures per enterprise and round, for the enterprises that consented.

    An enterprise is shown only if its latest response gives its consent to be
    identified; earlier rounds are included for it then.
    """
    responses = list(
        Response.objects.submitted()
        .filter(survey__in=rounds)
        .exclude(organisation=None)
        .select_related("organisation")
        .order_by("survey__closes_at")
    )
    latest: dict[int, Response] = {}
    for response in responses:
        latest[response.organisation_id] = response
    consenting = {
        org_id for org_id, response in latest.items() if response.consents_to_identification
    }
    wanted = [response for response in responses if response.organisation_id in consenting]
    numbers = defaultdict(dict)
    for response_id, key, number in Answer.objects.filter(
        response__in=[response.pk for response in wanted], question__key__in=PANEL_KEYS
    ).values_list("response_id", "question__key", "number"):
        numbers[response_id][key] = number
    questions = {
        question.key: question
        for question in Question.objects.filter(
            survey__in=rounds, key__in=PANEL_KEYS, is_current=True
        )
    }
    panel: dict[int, dict] = {}
    for response in wanted:
        entry = panel.setdefault(
            response.organisation_id,
            {"organisation": response.organisation, "rounds": []},
        )
        entry["rounds"].append(
            {
                "survey": response.survey_id,
                "round": next(s.round_name for s in rounds if s.pk == response.survey_id),
                "values": [numbers[response.pk].get(key) for key in PANEL_KEYS],
            }
        )
    ordered_questions = [questions[key] for key in PANEL_KEYS if key in questions]
    return ordered_questions, sorted(panel.values(), key=lambda entry: entry["organisation"].name)
