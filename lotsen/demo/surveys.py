"""Demo surveys: two rounds of the needs inventory and a census.

The rounds follow today's date: a needs inventory two years ago, a census last
year and this year's needs inventory, open since today. Answers go through the
same service as real ones, so anonymity and the response rate behave as in
production. The random numbers are seeded, so the demo world is the same on
every machine.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from lotsen.core.models import SupportArea
from lotsen.organisations.models import Organisation
from lotsen.surveys import services
from lotsen.surveys.blueprints import CENSUS, NEEDS_INVENTORY
from lotsen.surveys.models import Survey

# The enterprise of the demo login answers the open round itself.
UNANSWERED_IN_OPEN_ROUND = {
    "Snickeriet i Piteå ek. för.",
    "Hantverkshuset Öjebyn",
    "Café Kvarnen ek. för.",
}

# Typical need (1–5) per support area in each round; answers vary around it.
NEED_PROFILE = {
    "earlier": {
        "sales-marketing": 4.3,
        "procurement": 4.0,
        "supervisor-training": 4.1,
        "law-finance": 3.8,
        "advice": 3.4,
        "authority-contacts": 3.6,
        "training": 3.2,
        "board": 2.9,
        "mentoring": 3.0,
        "enterprise-networks": 2.8,
        "actor-networks": 2.6,
        "asf-school": 3.3,
        "coordination": 3.1,
    },
    "current": {
        "sales-marketing": 4.4,
        "procurement": 4.5,
        "supervisor-training": 3.0,
        "law-finance": 3.6,
        "advice": 3.0,
        "authority-contacts": 3.9,
        "training": 3.4,
        "board": 3.2,
        "mentoring": 2.9,
        "enterprise-networks": 3.3,
        "actor-networks": 2.7,
        "asf-school": 3.1,
        "coordination": 3.0,
    },
}


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _scale(rng: random.Random, centre: float) -> int:
    return max(1, min(5, round(rng.gauss(centre, 0.8))))


def _run_round(
    survey: Survey,
    answer_sets: list[tuple[Organisation, dict | None, bool]],
) -> None:
    """Open the round, answer it through the service, then give it its dates."""
    survey.move_to(Survey.Status.OPEN)
    questions = {question.key: question for question in survey.questions.current()}
    for organisation, by_key, consent in answer_sets:
        services.invitations_create(survey=survey, organisations=[organisation])
        invitation = survey.invitations.get(organisation=organisation)
        if by_key is None:
            continue
        response = services.response_for_invitation(invitation)
        values = {questions[key].pk: value for key, value in by_key.items()}
        services.response_save(response=response, values=values, submit=True, consent=consent)


def _needs_answers(rng: random.Random, profile_name: str, areas: list[str]) -> dict:
    profile = NEED_PROFILE[profile_name]
    matrix = {code: _scale(rng, profile.get(code, 3.0)) for code in areas}
    top = max(matrix, key=lambda code: (matrix[code], profile.get(code, 0)))
    answers = {
        "need-per-area": matrix,
        "most-urgent-area": top,
        "would-pay": rng.choice(["yes", "yes", "no"]),
    }
    if answers["would-pay"] == "yes":
        answers["would-pay-for"] = rng.sample(
            ["advice", "training", "supervisors", "sales", "finance"], 2
        )
        answers["would-pay-amount"] = Decimal(rng.choice([5000, 10000, 15000, 20000, 30000]))
    if rng.random() < 0.4:
        answers["missing-support"] = rng.choice(
            [
                "Hjälp att räkna på anbud i offentliga upphandlingar.",
                "En gemensam säljare för flera företag.",
                "Stöd när handledare slutar.",
                "Kortare väntan på besked från myndigheterna.",
            ]
        )
    return answers


def _census_answers(rng: random.Random) -> dict:
    staff = rng.randint(4, 30)
    shares = [rng.randint(0, 40) for _ in range(5)]
    total = sum(shares) or 1
    percents = [Decimal(round(share * 100 / total)) for share in shares]
    answers = {
        "staff-total": Decimal(staff),
        "staff-from-target-group": Decimal(rng.randint(1, staff)),
        "work-training-participants": Decimal(rng.randint(0, 12)),
        "turnover": Decimal(rng.randrange(800_000, 9_000_000, 50_000)),
        "income-public-sales": percents[0],
        "income-private-sales": percents[1],
        "income-individuals": percents[2],
        "income-grants": percents[3],
        "income-wage-subsidies": percents[4],
        "result": rng.choice(["surplus", "surplus", "balance", "deficit"]),
        "certified": rng.choice(["yes", "no", "no"]),
        "challenges": rng.sample(
            ["customers", "financing", "supervisors", "authorities", "premises", "administration"],
            3,
        ),
        "outlook": rng.randint(2, 5),
    }
    if answers["certified"] == "yes":
        answers["certification"] = "Kvalitetssäkrat ASF"
    return answers


def seed(stdout) -> None:
    if Survey.objects.filter(series=NEEDS_INVENTORY.key).exists():
        stdout.write("  surveys: already seeded")
        return
    rng = random.Random(2026)
    enterprises = list(Organisation.objects.social_enterprises().order_by("name"))
    areas = [area.code for area in SupportArea.objects.all() if area.serves_enterprises]
    now = timezone.now()
    year = timezone.localdate(now).year

    first = services.survey_create_from_blueprint(
        blueprint=NEEDS_INVENTORY,
        title=f"Behovsinventering {year - 2}",
        round_label=str(year - 2),
        closes_at=now + timedelta(days=1),
    )
    _run_round(
        first, [(org, _needs_answers(rng, "earlier", areas), False) for org in enterprises[:11]]
    )
    _date_round(first, date(year - 2, 4, 2), date(year - 2, 5, 31))

    census = services.survey_create_from_blueprint(
        blueprint=CENSUS,
        title=f"Kartläggning av de sociala företagen {year - 1}",
        round_label=str(year - 1),
        closes_at=now + timedelta(days=1),
    )
    _run_round(
        census,
        [(org, _census_answers(rng), index % 3 != 0) for index, org in enumerate(enterprises[:12])],
    )
    _date_round(census, date(year - 1, 9, 1), date(year - 1, 10, 31))

    # This year's round opens now, so neither it nor its answers lie in the future,
    # even on the first day of January.
    second = services.survey_create_from_blueprint(
        blueprint=NEEDS_INVENTORY,
        title=f"Behovsinventering {year}",
        round_label=str(year),
        closes_at=now + timedelta(days=45),
    )
    _run_round(
        second,
        [
            (
                org,
                None
                if org.name in UNANSWERED_IN_OPEN_ROUND
                else _needs_answers(rng, "current", areas),
                False,
            )
            for org in enterprises
        ],
    )

    # The evaluations of past events are made by the events demo, through the events app.
    stdout.write("  surveys: 2 needs inventories, 1 census")


def _date_round(survey: Survey, opened: date, closed: date) -> None:
    Survey.objects.filter(pk=survey.pk).update(
        status=Survey.Status.CLOSED, opens_at=_moment(opened), closes_at=_moment(closed)
    )
    survey.responses.update(submitted_on=closed - timedelta(days=3))
    survey.invitations.update(sent_at=_moment(opened))
