"""Surveys: needs inventories, the recurring census and evaluations (DESIGN §2.5).

A survey is one round. Rounds made from the same template share a `series`
and their questions share stable `key`s, which is what makes them comparable
question by question. Answers belong to a response; a response of an
anonymous survey loses its link to the invitation when it is submitted.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotsen.core.models import Municipality, SupportArea
from lotsen.core.workflow import StatusChange, Workflow, WorkflowModel
from lotsen.organisations.models import LegalForm

TOKEN_SALT = "lotsen.surveys.invitation"
# A dot never occurs in the URL-safe key, so the signer can split on it.
TOKEN_SEPARATOR = "."


class SurveyRefused(ValidationError):
    """An edit or a mailing that the survey's status does not allow."""


class QuestionLockedError(ValidationError):
    """An edit would change the meaning of answers already given."""


class SurveyQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SurveyQuerySet":
        from . import policies

        return policies.surveys_visible_to(user, self)


class Survey(WorkflowModel):
    class Kind(models.TextChoices):
        NEEDS_INVENTORY = "needs_inventory", _("Needs inventory")
        CENSUS = "census", _("Enterprise census")
        EVENT_EVALUATION = "event_evaluation", _("Event evaluation")
        OTHER = "other", _("Other survey")

    class Audience(models.TextChoices):
        ENTERPRISES = "enterprises", _("Social enterprises")
        PARTIES = "parties", _("Parties")
        EVENT_PARTICIPANTS = "event_participants", _("Event participants")
        CUSTOM = "custom", _("Custom list")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    workflow = Workflow(
        transitions={
            Status.DRAFT: frozenset({Status.OPEN}),
            Status.OPEN: frozenset({Status.CLOSED}),
            Status.CLOSED: frozenset(),
        },
        policy="lotsen.surveys.policies.can_move",
    )

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Answers keep no link to who gave them once they are submitted."),
    )
    # Rounds of one template share a series; their questions share keys.
    series = models.SlugField(_("series"), max_length=60, blank=True)
    round_label = models.CharField(_("round"), max_length=40, blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"))
    # The evaluated event, loosely: a title always, a reference once events exist.
    event_title = models.CharField(_("event"), max_length=200, blank=True)
    event_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    event_id = models.CharField(max_length=64, blank=True)
    event = GenericForeignKey("event_type", "event_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_at", "title"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        indexes = [
            # The comparison across rounds reads a series in order.
            models.Index(fields=["series", "closes_at"], name="survey_series_round"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            raise ValidationError(
                {"closes_at": _("The survey must close after it opens.")}, code="dates"
            )

    def move_to(self, status: str, *, actor=None, reason: str = "", changes=None) -> StatusChange:
        """Take a step; opening early or closing early moves the dates with it."""
        now = timezone.now()
        dates = {}
        if status == self.Status.OPEN and not self.opens_at:
            dates["opens_at"] = now
        if status == self.Status.CLOSED:
            dates["closes_at"] = min(self.closes_at, now)
        return super().move_to(
            status, actor=actor, reason=reason, changes={**dates, **(changes or {})}
        )

    @property
    def is_accepting_answers(self) -> bool:
        now = timezone.now()
        return (
            self.status == self.Status.OPEN
            and (self.opens_at is None or self.opens_at <= now)
            and now < self.closes_at
        )

    @property
    def round_name(self) -> str:
        return self.round_label or f"{self.closes_at:%Y}"


class QuestionQuerySet(models.QuerySet):
    def current(self) -> "QuestionQuerySet":
        return self.filter(is_current=True)


class Question(models.Model):
    class Type(models.TextChoices):
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        SCALE = "scale", _("Scale 1–5")
        NUMBER = "number", _("Number")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        YES_NO = "yes_no", _("Yes or no")
        MATRIX = "matrix", _("Scale per support area")

    CHOICE_TYPES = {Type.SINGLE_CHOICE, Type.MULTIPLE_CHOICE}
    SCALE_TYPES = {Type.SCALE, Type.MATRIX}
    TEXT_TYPES = {Type.SHORT_TEXT, Type.LONG_TEXT}
    SCALE_POINTS = range(1, 6)
    # Changing these changes what earlier answers mean (DESIGN: safe edits only).
    MEANING_FIELDS = ("type", "unit", "min_value", "max_value", "condition_question_id")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    required = models.BooleanField(_("required"), default=False)
    # [{"value": "...", "label": "..."}] for the choice types.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    scale_min_label = models.CharField(_("label of 1"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("label of 5"), max_length=60, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    min_value = models.DecimalField(
        _("lowest value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    condition_question = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dependent_questions",
        verbose_name=_("shown only after question"),
    )
    condition_value = models.CharField(_("shown only for the answer"), max_length=60, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "version"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "key", "version"], name="question_unique_key_version"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        errors = {}
        if self.type in self.CHOICE_TYPES and len(self.choices) < 2:
            errors["choices"] = _("A choice question needs at least two choices.")
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            errors["max_value"] = _("The highest value must not be below the lowest.")
        if self.condition_question_id:
            condition = self.condition_question
            if condition.survey_id != self.survey_id or condition.position >= self.position:
                errors["condition_question"] = _(
                    "A condition can only refer to an earlier question of the same survey."
                )
            elif self.condition_value not in condition.choice_values:
                errors["condition_value"] = _("Choose one of the earlier question's answers.")
        if errors:
            raise ValidationError(errors)

    @property
    def choice_values(self) -> list[str]:
        if self.type == self.Type.YES_NO:
            return ["yes", "no"]
        return [choice["value"] for choice in self.choices]

    @property
    def choice_labels(self) -> dict[str, str]:
        if self.type == self.Type.YES_NO:
            return {"yes": str(_("Yes")), "no": str(_("No"))}
        return {choice["value"]: choice["label"] for choice in self.choices}

    @property
    def condition_label(self) -> str:
        if not self.condition_question_id:
            return ""
        labels = self.condition_question.choice_labels
        return labels.get(self.condition_value, self.condition_value)

    def is_shown_for(self, answers: dict[int, object]) -> bool:
        """Whether the question applies, given the answers so far by question id."""
        if not self.condition_question_id:
            return True
        given = answers.get(self.condition_question_id)
        if isinstance(given, list):
            return self.condition_value in given
        return given == self.condition_value

    def unsafe_changes(self, changed: dict) -> list[str]:
        """The fields of `changed` that would alter what earlier answers mean."""
        unsafe = [
            field
            for field in self.MEANING_FIELDS
            if field in changed and changed[field] != getattr(self, field)
        ]
        if "condition_value" in changed and changed["condition_value"] != self.condition_value:
            unsafe.append("condition_value")
        if "choices" in changed:
            # Relabelling and adding choices are safe; removing or recoding one is not.
            old_values = self.choice_values
            new_values = [choice["value"] for choice in changed["choices"]]
            if new_values[: len(old_values)] != old_values:
                unsafe.append("choices")
        return unsafe


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InvitationQuerySet":
        from . import policies

        return policies.invitations_visible_to(user, self)

    def unanswered(self) -> "InvitationQuerySet":
        return self.filter(answered=False)

    def unreachable(self) -> "InvitationQuerySet":
        """Invitations no e-mail can carry: the organisation had no address."""
        return self.filter(email="")

    def awaiting_answer_from(self, user) -> "InvitationQuerySet":
        """Invitations of the user's organisations to rounds open for answers now."""
        from . import policies

        return policies.invitations_awaiting(user, self)


class Invitation(models.Model):
    """One recipient's unique way in to one survey, without login.

    The link carries `key` signed with SECRET_KEY, so the database alone is not
    enough to forge a link. `answered` says only that the recipient is done;
    when the survey is anonymous nothing tells which response was theirs.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    key = models.CharField(max_length=32, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    answered = models.BooleanField(pgettext_lazy("invitation", "answered"), default=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["survey", "organisation__name", "email"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            # Once per recipient: one invitation per organisation, or per address.
            models.UniqueConstraint(
                fields=["survey", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="invitation_once_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["survey", "email"],
                condition=models.Q(organisation__isnull=True),
                name="invitation_once_per_address",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.email)

    def save(self, *args, **kwargs) -> None:
        if not self.key:
            self.key = secrets.token_urlsafe(18)
        super().save(*args, **kwargs)

    @property
    def token(self) -> str:
        return signing.Signer(salt=TOKEN_SALT, sep=TOKEN_SEPARATOR).sign(self.key)

    @classmethod
    def key_from_token(cls, token: str) -> str | None:
        try:
            return signing.Signer(salt=TOKEN_SALT, sep=TOKEN_SEPARATOR).unsign(token)
        except signing.BadSignature:
            return None

    def get_answer_path(self) -> str:
        return reverse("surveys:respond", args=[self.token])

    def get_answer_url(self) -> str:
        return settings.SITE_URL + self.get_answer_path()


class SizeBand(models.TextChoices):
    """Staff size of a responding enterprise, in Statistics Sweden's size classes.

    The classes 1–4, 5–9 and 10–19 split the typical enterprise of 3–15 staff
    into three groups; everything from 20 is one class, since so few are larger
    that a finer class would always be hidden as a small cell.
    """

    UNDER_5 = "under_5", _("Fewer than 5 staff")
    FROM_5_TO_9 = "5_9", _("5–9 staff")
    FROM_10_TO_19 = "10_19", _("10–19 staff")
    FROM_20 = "20_plus", _("20 staff or more")

    @classmethod
    def for_staff_count(cls, staff_count: int | None) -> str:
        """The band of a number of staff; empty when the number is not known."""
        if staff_count is None:
            return ""
        if staff_count < 5:
            return cls.UNDER_5
        if staff_count < 10:
            return cls.FROM_5_TO_9
        if staff_count < 20:
            return cls.FROM_10_TO_19
        return cls.FROM_20


class ResponseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ResponseQuerySet":
        from . import policies

        return policies.responses_visible_to(user, self)

    def submitted(self) -> "ResponseQuerySet":
        return self.filter(status=Response.Status.SUBMITTED)


class Response(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", pgettext_lazy("survey response", "In progress")
        SUBMITTED = "submitted", _("Submitted")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Held only while the response is in progress when the survey is anonymous.
    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
    )
    # Named surveys only: who answered.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("organisation"),
    )
    # Coarse facts about the respondent kept for the result filters, also when anonymous.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=40, choices=LegalForm.choices, blank=True
    )
    size_band = models.CharField(_("size"), max_length=10, choices=SizeBand.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS
    )
    consents_to_identification = models.BooleanField(
        _("may be identified in the panel"), default=False
    )
    # The day only: an exact time could be matched against the invitations.
    submitted_on = models.DateField(_("submitted"), null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [
            # The results read the submitted responses of one survey.
            models.Index(fields=["survey", "status"], name="response_survey_status"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"

    def answer_map(self) -> dict[int, object]:
        """The answers by question id, in the shape the answer form uses."""
        values: dict[int, object] = {}
        for answer in self.answers.select_related("question"):
            if answer.row_id:
                values.setdefault(answer.question_id, {})[answer.row_id] = answer.value
            else:
                values[answer.question_id] = answer.value
        return values


class AnswerQuerySet(models.QuerySet):
    def of_submitted(self, survey: Survey) -> "AnswerQuerySet":
        return self.filter(response__survey=survey, response__status=Response.Status.SUBMITTED)


class Answer(models.Model):
    """One answer; a matrix question has one answer per support area (`row`)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    row = models.ForeignKey(
        SupportArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("support area"),
    )
    # Single choice and yes/no in `choice`; several choices in `choices`;
    # scale, matrix cells and numbers in `number`; free text in `text`.
    choice = models.CharField(max_length=60, blank=True)
    choices = models.JSONField(default=list, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "row"], name="answer_once_per_cell"
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=models.Q(row__isnull=True),
                name="answer_once_per_question",
            ),
        ]
        indexes = [
            # The results group one question's answers by value.
            models.Index(fields=["question", "choice"], name="answer_question_choice"),
            models.Index(fields=["question", "row", "number"], name="answer_question_number"),
        ]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.display}"

    @property
    def value(self):
        question_type = self.question.type
        if question_type == Question.Type.MULTIPLE_CHOICE:
            return list(self.choices)
        if question_type in (Question.Type.SINGLE_CHOICE, Question.Type.YES_NO):
            return self.choice
        if question_type in Question.TEXT_TYPES:
            return self.text
        if question_type == Question.Type.NUMBER:
            return self.number
        return int(self.number) if self.number is not None else None

    @property
    def display(self) -> str:
        """The answer as the respondent saw it: labels, not stored values."""
        question = self.question
        labels = question.choice_labels
        if question.type == Question.Type.MULTIPLE_CHOICE:
            return ", ".join(labels.get(value, value) for value in self.choices)
        if question.type in (Question.Type.SINGLE_CHOICE, Question.Type.YES_NO):
            return labels.get(self.choice, self.choice)
        if question.type in Question.TEXT_TYPES:
            return self.text
        number = f"{self.number.normalize():f}" if self.number is not None else ""
        return f"{number} {question.unit}".strip()

    @classmethod
    def for_value(cls, question: Question, value, row_id: str | None = None) -> "Answer":
        answer = cls(question=question, row_id=row_id)
        if question.type == Question.Type.MULTIPLE_CHOICE:
            answer.choices = list(value)
        elif question.type in (Question.Type.SINGLE_CHOICE, Question.Type.YES_NO):
            answer.choice = value
        elif question.type in Question.TEXT_TYPES:
            answer.text = value
        else:
            answer.number = Decimal(value)
        return answer
