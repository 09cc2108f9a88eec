"""Survey results: time and queries for 50 and for 1,000 responses.

The results page summarises a survey with grouped queries, so its query count must
not grow with the responses and its time should grow far slower than the data.
Runs on a throw-away test database (SQLite in memory, or test_<name> with DATABASE_URL).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsen.test_settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402

SMALL, LARGE = 50, 1000


def add_responses(survey, count: int, start: int) -> None:
    from lotsen.core.models import SupportArea
    from lotsen.surveys.models import Answer, Response

    questions = {question.key: question for question in survey.questions.current()}
    areas = list(SupportArea.objects.values_list("code", flat=True))
    answers = []
    for index in range(start, start + count):
        response = Response.objects.create(
            survey=survey, status=Response.Status.SUBMITTED, municipality_id="2580"
        )
        values = {
            "most-urgent-area": areas[index % len(areas)],
            "would-pay": "yes" if index % 3 else "no",
            "would-pay-for": ["advice", "sales"],
            "would-pay-amount": 1000 * (index % 30),
            "missing-support": f"Svar {index}",
        }
        for key, value in values.items():
            answer = Answer.for_value(questions[key], value)
            answer.response = response
            answers.append(answer)
        for code in areas:
            answer = Answer.for_value(questions["need-per-area"], 1 + index % 5, row_id=code)
            answer.response = response
            answers.append(answer)
    Answer.objects.bulk_create(answers)


def measure(survey) -> tuple[float, int]:
    from lotsen.surveys.results import survey_results

    survey_results(survey, viewer_sees_small_cells=True)
    best = float("inf")
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            survey_results(survey, viewer_sees_small_cells=True)
            best = min(best, time.perf_counter() - started)
    return best, len(queries)


def main() -> None:
    databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        from datetime import timedelta

        from django.utils import timezone

        from lotsen.surveys import services
        from lotsen.surveys.blueprints import NEEDS_INVENTORY

        survey = services.survey_create_from_blueprint(
            blueprint=NEEDS_INVENTORY,
            title="Bänk",
            closes_at=timezone.now() + timedelta(days=1),
        )
        add_responses(survey, SMALL, 0)
        small_time, small_queries = measure(survey)
        add_responses(survey, LARGE - SMALL, SMALL)
        large_time, large_queries = measure(survey)
        print(f"  {SMALL:>5} responses: {small_time * 1000:7.1f} ms, {small_queries} queries")
        print(f"  {LARGE:>5} responses: {large_time * 1000:7.1f} ms, {large_queries} queries")
        print(
            f"  data ×{LARGE // SMALL}, time ×{large_time / small_time:.1f}, "
            f"queries ×{large_queries / small_queries:.1f} (target: queries ×1.0)"
        )
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
