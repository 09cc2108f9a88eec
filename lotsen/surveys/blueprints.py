"""The survey templates shipped with Lotsen (mallar).

Each round of a recurring survey is created from one of these, so its
questions keep the same keys as earlier rounds and can be compared. The
wording is written for this platform and translated like every other text;
a round is created in the language active when it is made.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Question, Survey

# A choice list that is filled from the support areas when a round is made.
SUPPORT_AREA_CHOICES = "support_areas"


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    type: str
    text: Promise
    required: bool = False
    help_text: Promise | str = ""
    choices: tuple[tuple[str, Promise], ...] | str = ()
    scale_min_label: Promise | str = ""
    scale_max_label: Promise | str = ""
    unit: Promise | str = ""
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    condition: tuple[str, str] | None = None


@dataclass(frozen=True)
class Blueprint:
    key: str
    name: Promise
    kind: str
    audience: str
    introduction: Promise | str
    anonymous: bool
    questions: tuple[QuestionSpec, ...] = field(default_factory=tuple)
    # Recurring templates put their rounds in one series, to be compared.
    recurring: bool = True


PERCENT = {"unit": "%", "min_value": Decimal(0), "max_value": Decimal(100)}

NEEDS_INVENTORY = Blueprint(
    key="needs-inventory",
    name=_("Needs inventory of the social enterprises"),
    kind=Survey.Kind.NEEDS_INVENTORY,
    audience=Survey.Audience.ENTERPRISES,
    anonymous=True,
    introduction=_(
        "The support structure is built from what the enterprises themselves say they need. "
        "Your answers decide which support is bought and offered in the coming years. "
        "It takes about ten minutes; you can save and continue later."
    ),
    questions=(
        QuestionSpec(
            "need-per-area",
            Question.Type.MATRIX,
            _("How great is your enterprise's need of support in each area?"),
            required=True,
            scale_min_label=_("No need"),
            scale_max_label=_("Very great need"),
        ),
        QuestionSpec(
            "most-urgent-area",
            Question.Type.SINGLE_CHOICE,
            _("Which area matters most to you right now?"),
            required=True,
            choices=SUPPORT_AREA_CHOICES,
        ),
        QuestionSpec(
            "missing-support",
            Question.Type.LONG_TEXT,
            _("What support is missing today?"),
            help_text=_("Describe in your own words what you would need and have not found."),
        ),
        QuestionSpec(
            "would-pay",
            Question.Type.YES_NO,
            _("Would you pay for some of this support yourselves?"),
            required=True,
        ),
        QuestionSpec(
            "would-pay-for",
            Question.Type.MULTIPLE_CHOICE,
            _("What would you pay for?"),
            choices=(
                ("advice", _("Advice and coaching")),
                ("training", _("Training of staff")),
                ("supervisors", _("Supervisor training")),
                ("sales", _("Help with sales and marketing")),
                ("finance", _("Accounting, law and finance")),
            ),
            condition=("would-pay", "yes"),
        ),
        QuestionSpec(
            "would-pay-amount",
            Question.Type.NUMBER,
            _("About how much could you pay per year?"),
            unit=_("SEK"),
            min_value=Decimal(0),
            max_value=Decimal(1_000_000),
            condition=("would-pay", "yes"),
        ),
    ),
)

CENSUS = Blueprint(
    key="census",
    name=_("Census of the social enterprises"),
    kind=Survey.Kind.CENSUS,
    audience=Survey.Audience.ENTERPRISES,
    anonymous=False,
    introduction=_(
        "Every second year we ask all social enterprises of the region the same questions, "
        "so that change over time can be seen. Figures are for your last financial year."
    ),
    questions=(
        QuestionSpec(
            "staff-total",
            Question.Type.NUMBER,
            _("How many people work in the enterprise?"),
            required=True,
            unit=_("people"),
            min_value=Decimal(0),
            max_value=Decimal(10_000),
        ),
        QuestionSpec(
            "staff-from-target-group",
            Question.Type.NUMBER,
            _("How many of them came to you from the target group, far from the labour market?"),
            required=True,
            unit=_("people"),
            min_value=Decimal(0),
            max_value=Decimal(10_000),
        ),
        QuestionSpec(
            "work-training-participants",
            Question.Type.NUMBER,
            _("How many participants had work training with you during the year?"),
            required=True,
            unit=_("people"),
            min_value=Decimal(0),
            max_value=Decimal(10_000),
        ),
        QuestionSpec(
            "turnover",
            Question.Type.NUMBER,
            _("What was the turnover?"),
            required=True,
            unit=_("SEK"),
            min_value=Decimal(0),
            max_value=Decimal(1_000_000_000),
        ),
        QuestionSpec(
            "income-public-sales",
            Question.Type.NUMBER,
            _("Share of income from sales to the public sector"),
            **PERCENT,
        ),
        QuestionSpec(
            "income-private-sales",
            Question.Type.NUMBER,
            _("Share of income from sales to businesses"),
            **PERCENT,
        ),
        QuestionSpec(
            "income-individuals",
            Question.Type.NUMBER,
            _("Share of income from sales to private individuals"),
            **PERCENT,
        ),
        QuestionSpec(
            "income-grants",
            Question.Type.NUMBER,
            _("Share of income from grants and project funds"),
            **PERCENT,
        ),
        QuestionSpec(
            "income-wage-subsidies",
            Question.Type.NUMBER,
            _("Share of income from wage subsidies and other employment support"),
            **PERCENT,
        ),
        QuestionSpec(
            "result",
            Question.Type.SINGLE_CHOICE,
            _("How did the year end?"),
            required=True,
            choices=(
                ("surplus", _("With a surplus")),
                ("balance", _("In balance")),
                ("deficit", _("With a deficit")),
            ),
        ),
        QuestionSpec(
            "certified",
            Question.Type.YES_NO,
            _("Does the enterprise hold a certification or quality mark?"),
        ),
        QuestionSpec(
            "certification",
            Question.Type.SHORT_TEXT,
            _("Which certification?"),
            condition=("certified", "yes"),
        ),
        QuestionSpec(
            "challenges",
            Question.Type.MULTIPLE_CHOICE,
            _("What are your greatest challenges?"),
            choices=(
                ("customers", _("Finding customers")),
                ("financing", _("Financing")),
                ("supervisors", _("Finding and keeping supervisors")),
                ("authorities", _("Contacts with authorities")),
                ("premises", _("Premises")),
                ("administration", _("Administration")),
            ),
        ),
        QuestionSpec(
            "outlook",
            Question.Type.SCALE,
            _("How do you see the coming two years?"),
            required=True,
            scale_min_label=_("Very worried"),
            scale_max_label=_("Very hopeful"),
        ),
        QuestionSpec(
            "support-needs",
            Question.Type.LONG_TEXT,
            _("What support would help you most?"),
        ),
    ),
)

EVENT_EVALUATION = Blueprint(
    key="event-evaluation",
    name=_("Evaluation of an event"),
    kind=Survey.Kind.EVENT_EVALUATION,
    audience=Survey.Audience.EVENT_PARTICIPANTS,
    anonymous=True,
    introduction=_("Thank you for taking part. Three short questions help us do better."),
    questions=(
        QuestionSpec(
            "usefulness",
            Question.Type.SCALE,
            _("How useful was the event to you?"),
            required=True,
            scale_min_label=_("Not useful"),
            scale_max_label=_("Very useful"),
        ),
        QuestionSpec(
            "recommend",
            Question.Type.YES_NO,
            _("Would you recommend it to others?"),
        ),
        QuestionSpec(
            "change",
            Question.Type.LONG_TEXT,
            _("What should we change?"),
        ),
    ),
)

BLANK = Blueprint(
    key="blank",
    name=_("Empty survey, questions added by hand"),
    kind=Survey.Kind.OTHER,
    audience=Survey.Audience.CUSTOM,
    anonymous=False,
    introduction="",
    recurring=False,
)

BLUEPRINTS = {
    blueprint.key: blueprint for blueprint in (NEEDS_INVENTORY, CENSUS, EVENT_EVALUATION, BLANK)
}
