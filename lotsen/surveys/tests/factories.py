"""Surveys for tests: real rounds from the templates, and one with every question type."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.surveys import services
from lotsen.surveys.blueprints import CENSUS, NEEDS_INVENTORY
from lotsen.surveys.models import Invitation, Question, Survey

EVERY_TYPE = [
    (
        "branch",
        Question.Type.SINGLE_CHOICE,
        {"choices": [{"value": "food", "label": "Mat"}, {"value": "wood", "label": "Trä"}]},
    ),
    (
        "tasks",
        Question.Type.MULTIPLE_CHOICE,
        {
            "choices": [
                {"value": "a", "label": "A"},
                {"value": "b", "label": "B"},
                {"value": "c", "label": "C"},
            ]
        },
    ),
    ("mood", Question.Type.SCALE, {"scale_min_label": "Dåligt", "scale_max_label": "Bra"}),
    (
        "staff",
        Question.Type.NUMBER,
        {"unit": "personer", "min_value": Decimal(0), "max_value": Decimal(100)},
    ),
    ("name", Question.Type.SHORT_TEXT, {}),
    ("story", Question.Type.LONG_TEXT, {}),
    ("certified", Question.Type.YES_NO, {}),
    ("needs", Question.Type.MATRIX, {"scale_min_label": "Inget", "scale_max_label": "Stort"}),
]


def open_survey(*, anonymous: bool = False, required: bool = True, **fields) -> Survey:
    """An open survey with one question of every type, all required, and a condition."""
    survey = Survey.objects.create(
        title=fields.pop("title", "Provenkät"),
        kind=Survey.Kind.OTHER,
        audience=Survey.Audience.ENTERPRISES,
        anonymous=anonymous,
        status=Survey.Status.OPEN,
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=14),
        **fields,
    )
    for position, (key, question_type, extra) in enumerate(EVERY_TYPE, 1):
        Question.objects.create(
            survey=survey,
            key=key,
            position=position * 10,
            text=f"Fråga {key}",
            type=question_type,
            required=required,
            **extra,
        )
    certified = survey.questions.get(key="certified")
    Question.objects.create(
        survey=survey,
        key="which",
        position=100,
        text="Vilken certifiering?",
        type=Question.Type.SHORT_TEXT,
        required=True,
        condition_question=certified,
        condition_value="yes",
    )
    return survey


def invite(survey: Survey, organisation=None) -> Invitation:
    organisation = organisation or OrganisationFactory()
    services.invitations_create(survey=survey, organisations=[organisation])
    return survey.invitations.get(organisation=organisation)


def round_of(blueprint, label: str, *, status: str = Survey.Status.OPEN) -> Survey:
    survey = services.survey_create_from_blueprint(
        blueprint=blueprint,
        title=f"{blueprint.key} {label}",
        round_label=label,
        closes_at=timezone.now() + timedelta(days=30),
    )
    if status != Survey.Status.DRAFT:
        survey.move_to(Survey.Status.OPEN)
    return survey


def needs_round(label: str) -> Survey:
    return round_of(NEEDS_INVENTORY, label)


def census_round(label: str) -> Survey:
    return round_of(CENSUS, label)


def answer(survey: Survey, values_by_key: dict, organisation=None, *, consent: bool = False):
    """Submit one response through the service, as a respondent's link would."""
    invitation = invite(survey, organisation)
    questions = {question.key: question.pk for question in survey.questions.current()}
    response = services.response_for_invitation(invitation)
    return services.response_save(
        response=response,
        values={questions[key]: value for key, value in values_by_key.items()},
        submit=True,
        consent=consent,
    )
