from datetime import datetime, time
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import DecimalField
from lotsen.core.models import Municipality
from lotsen.organisations.models import LegalForm

from .blueprints import BLUEPRINTS
from .models import Question, Response, SizeBand, Survey

REQUIRED_MESSAGE = _("Answer this question.")


def field_name(question: Question, area_code: str = "") -> str:
    return f"q{question.pk}-{area_code}" if area_code else f"q{question.pk}"


class ScaleWidget(forms.RadioSelect):
    template_name = "surveys/widgets/scale.html"


class AnswerForm(forms.Form):
    """The questions of a survey as one form.

    With `submitting` off (saving a half-done response) nothing is required,
    but every given answer is still checked: a value out of bounds or a choice
    not offered is refused either way.
    """

    def __init__(self, *args, questions, areas, submitting: bool, consent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.areas = areas
        self.submitting = submitting
        self.groups: list[dict] = []
        for number, question in enumerate(questions, 1):
            names = []
            for name, field in self._fields_for(question):
                self.fields[name] = field
                names.append(name)
            self.groups.append({"number": number, "question": question, "names": names})
        if consent:
            self.fields["consent"] = forms.BooleanField(
                required=False,
                label=_("We agree that our enterprise may be named in the panel of this census"),
                help_text=_(
                    "The panel shows each enterprise's figures over the years. Without consent "
                    "your answers count only in the totals."
                ),
            )

    def _fields_for(self, question: Question):
        label = question.text
        common = {"label": label, "required": False, "help_text": question.help_text}
        question_type = question.type
        if question_type == Question.Type.MATRIX:
            choices = [(str(point), str(point)) for point in Question.SCALE_POINTS]
            for area in self.areas:
                yield (
                    field_name(question, area.code),
                    forms.TypedChoiceField(
                        label=area.name,
                        required=False,
                        choices=choices,
                        coerce=int,
                        widget=ScaleWidget,
                    ),
                )
            return
        if question_type == Question.Type.SCALE:
            field = forms.TypedChoiceField(
                choices=[(str(point), str(point)) for point in Question.SCALE_POINTS],
                coerce=int,
                widget=ScaleWidget,
                **common,
            )
        elif question_type in (Question.Type.SINGLE_CHOICE, Question.Type.YES_NO):
            field = forms.ChoiceField(
                choices=list(question.choice_labels.items()),
                widget=forms.RadioSelect,
                **common,
            )
        elif question_type == Question.Type.MULTIPLE_CHOICE:
            field = forms.MultipleChoiceField(
                choices=list(question.choice_labels.items()),
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        elif question_type == Question.Type.NUMBER:
            field = DecimalField(
                max_digits=14,
                decimal_places=2,
                min_value=question.min_value,
                max_value=question.max_value,
                **common,
            )
        elif question_type == Question.Type.SHORT_TEXT:
            field = forms.CharField(max_length=200, **common)
        else:
            field = forms.CharField(
                max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **common
            )
        field.error_messages["invalid_choice"] = _(
            "That answer is not one of the choices. Choose one from the list."
        )
        yield field_name(question), field

    def values(self) -> dict[int, object]:
        """The valid answers by question id; fields with errors are left out."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        values: dict[int, object] = {}
        for group in self.groups:
            question = group["question"]
            if question.type == Question.Type.MATRIX:
                values[question.pk] = {
                    area.code: data.get(field_name(question, area.code))
                    for area in self.areas
                    if field_name(question, area.code) in data
                }
            elif field_name(question) in data:
                values[question.pk] = data[field_name(question)]
        return values

    def clean(self):
        cleaned = super().clean()
        if not self.submitting:
            return cleaned
        answers = self.values()
        for group in self.groups:
            question = group["question"]
            if not question.required or not question.is_shown_for(answers):
                continue
            for name in group["names"]:
                if name in self.errors:
                    continue
                if cleaned.get(name) in (None, "", []):
                    self.add_error(name, REQUIRED_MESSAGE)
        return cleaned

    @staticmethod
    def initial_from(answers: dict[int, object], questions) -> dict[str, object]:
        initial: dict[str, object] = {}
        for question in questions:
            value = answers.get(question.pk)
            if value is None:
                continue
            if question.type == Question.Type.MATRIX:
                for code, cell in value.items():
                    initial[field_name(question, code)] = cell
            elif isinstance(value, Decimal):
                initial[field_name(question)] = value.normalize()
            else:
                initial[field_name(question)] = value
        return initial


class SurveyCreateForm(forms.Form):
    blueprint = forms.ChoiceField(label=_("Template"), widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200)
    round_label = forms.CharField(
        label=_("Round"), max_length=40, required=False, help_text=_("For example the year.")
    )
    closes_on = forms.DateField(label=_("Last day to answer"), help_text=_("YYYY-MM-DD"))
    audience = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[("", _("As in the template")), *Survey.Audience.choices],
    )
    anonymous = forms.BooleanField(label=_("Anonymous answers"), required=False)
    event_title = forms.CharField(
        label=_("Evaluated event"),
        max_length=200,
        required=False,
        help_text=_("Only for an event evaluation."),
    )
    participant_emails = forms.CharField(
        label=_("E-mail addresses to invite"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line; for event participants and custom lists."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blueprint"].choices = [
            (key, blueprint.name) for key, blueprint in BLUEPRINTS.items()
        ]

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise ValidationError(_("The last day must not have passed."), code="past")
        return closes_on

    def clean_participant_emails(self):
        lines = [line.strip() for line in self.cleaned_data["participant_emails"].splitlines()]
        addresses = [line for line in lines if line]
        bad = []
        for line in addresses:
            try:
                forms.EmailField().clean(line)
            except ValidationError:
                bad.append(line)
        if bad:
            raise ValidationError(
                _("These are not e-mail addresses: %(lines)s") % {"lines": ", ".join(bad)},
                code="invalid",
            )
        return addresses

    @property
    def closes_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.cleaned_data["closes_on"], time(23, 59)))


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Help text"), max_length=300, required=False)
    type = forms.ChoiceField(label=_("Type"), choices=Question.Type.choices)
    required = forms.BooleanField(label=_("Required"), required=False)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line, in order. Only for choice questions."),
    )
    scale_min_label = forms.CharField(label=_("Label of 1"), max_length=60, required=False)
    scale_max_label = forms.CharField(label=_("Label of 5"), max_length=60, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    min_value = DecimalField(label=_("Lowest value"), required=False)
    max_value = DecimalField(label=_("Highest value"), required=False)
    condition_question = forms.ModelChoiceField(
        label=_("Show only after question"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=_("Always show"),
        error_messages={"invalid_choice": _("Choose an earlier question from the list.")},
    )
    condition_answer = forms.CharField(
        label=_("… when the answer was"),
        max_length=200,
        required=False,
        help_text=_("Write the answer as it stands in the earlier question, e.g. Yes."),
    )
    as_new_version = forms.BooleanField(
        label=_("Save as a new version"),
        required=False,
        help_text=_(
            "Needed for a change of meaning once answers exist; earlier answers stay "
            "with the old version."
        ),
    )

    def __init__(self, *args, survey: Survey, question: Question | None = None, **kwargs):
        self.question = question
        if question is not None and not kwargs.get("data"):
            kwargs["initial"] = {
                "text": question.text,
                "help_text": question.help_text,
                "type": question.type,
                "required": question.required,
                "choices": "\n".join(choice["label"] for choice in question.choices),
                "scale_min_label": question.scale_min_label,
                "scale_max_label": question.scale_max_label,
                "unit": question.unit,
                "min_value": question.min_value,
                "max_value": question.max_value,
                "condition_question": question.condition_question_id,
                "condition_answer": question.condition_label,
            }
        super().__init__(*args, **kwargs)
        earlier = survey.questions.current().filter(
            type__in=[*Question.CHOICE_TYPES, Question.Type.YES_NO]
        )
        if question is not None:
            earlier = earlier.filter(position__lt=question.position)
        else:
            del self.fields["as_new_version"]
        self.fields["condition_question"].queryset = earlier

    def clean(self):
        cleaned = super().clean()
        condition = cleaned.get("condition_question")
        answer = (cleaned.get("condition_answer") or "").strip()
        cleaned["condition_value"] = ""
        # What the chosen type or the missing condition would not keep is refused rather
        # than dropped unseen.
        if (
            cleaned.get("type")
            and cleaned["type"] not in Question.CHOICE_TYPES
            and (cleaned.get("choices") or "").strip()
        ):
            self.add_error(
                "choices",
                _("Only a choice question keeps choices. Empty the field, or choose that type."),
            )
        if condition is None and answer:
            self.add_error(
                "condition_answer",
                _("Choose the earlier question this answer belongs to, or empty the answer."),
            )
        if condition is not None:
            by_label = {label.casefold(): value for value, label in condition.choice_labels.items()}
            by_label.update({value.casefold(): value for value in condition.choice_values})
            if answer.casefold() not in by_label:
                self.add_error(
                    "condition_answer",
                    _("Write one of the earlier question's answers: %(answers)s")
                    % {"answers": ", ".join(condition.choice_labels.values())},
                )
            else:
                cleaned["condition_value"] = by_label[answer.casefold()]
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        labels = [line.strip() for line in data["choices"].splitlines() if line.strip()]
        old = self.question.choices if self.question else []
        choices = []
        for index, label in enumerate(labels):
            # A choice keeps its stored value when only its wording changes.
            value = old[index]["value"] if index < len(old) else slugify(label)[:60] or str(index)
            choices.append({"value": value, "label": label})
        fields = [
            "text",
            "help_text",
            "type",
            "required",
            "scale_min_label",
            "scale_max_label",
            "unit",
            "min_value",
            "max_value",
        ]
        changes = {field: data[field] for field in fields}
        changes["choices"] = choices if data["type"] in Question.CHOICE_TYPES else []
        condition = data["condition_question"]
        changes["condition_question_id"] = condition.pk if condition else None
        changes["condition_value"] = data["condition_value"]
        return changes


class ResultFilterForm(forms.Form):
    """Who the results are about. Each filter names the response field it narrows.

    The facts were copied onto the response when it was submitted (decision 0062).
    """

    FILTERS = {
        "municipality": "response__municipality",
        "legal_form": "response__legal_form",
        "size_band": "response__size_band",
    }

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("All municipalities"),
        error_messages={"invalid_choice": _("Unknown municipality. Choose one from the list.")},
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"),
        choices=[("", _("All legal forms")), *LegalForm.choices],
        required=False,
        error_messages={"invalid_choice": _("Unknown legal form. Choose one from the list.")},
    )
    size_band = forms.ChoiceField(
        label=_("Size"),
        choices=[("", _("All sizes")), *SizeBand.choices],
        required=False,
        error_messages={"invalid_choice": _("Unknown size. Choose one from the list.")},
    )

    def __init__(self, *args, surveys: list[Survey], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(
            code__in=Response.objects.filter(survey__in=surveys)
            .exclude(municipality=None)
            .values("municipality")
        )

    def answer_filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            lookup: self.cleaned_data[name]
            for name, lookup in self.FILTERS.items()
            if self.cleaned_data.get(name) not in (None, "")
        }

    @property
    def error_text(self) -> str:
        """Every filter error in one line, for answers that are not a page."""
        return " ".join(error for errors in self.errors.values() for error in errors)
