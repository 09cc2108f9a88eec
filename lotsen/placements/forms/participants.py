"""Forms of participants: identity, registration with consent, search."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import IntegerField, number_formfield
from lotsen.core.identifiers import normalise_phone_number
from lotsen.core.models import Industry, Occupation
from lotsen.core.widgets import LongSelect, LongSelectMultiple

from .. import identity
from ..models import CODE_PREFIX, Adaptation, Gender, Language, Participant
from ..reports import AGE_BANDS
from .fields import DateInput, chosen, coded

# The ages the national follow-up counts; outside them a date of birth is more often a
# typing error than a participant, so it is confirmed before it is saved (decision 0147).
PLAUSIBLE_AGES = (AGE_BANDS[0][0], AGE_BANDS[-1][1])

# Fewer digits than a personnummer without century: the query is a code or a name.
IDENTITY_NUMBER_DIGITS = 10


class IdentityForm(forms.Form):
    """Who the participant is; stored encrypted and never shown to the enterprise."""

    name = forms.CharField(label=_("Name"), max_length=200)
    identity_number = forms.CharField(
        label=_("Personnummer or samordningsnummer"),
        max_length=13,
        help_text=_("Twelve digits, e.g. 19850312-1234."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    # Shown as a checkbox only once a new number gives an implausible age.
    birth_date_confirmed = forms.BooleanField(
        label=_("Yes, the date of birth is correct"), required=False, widget=forms.HiddenInput
    )

    def clean_identity_number(self) -> identity.IdentityNumber:
        return identity.parse_identity_number(self.cleaned_data["identity_number"])

    def clean(self):
        data = super().clean()
        number = data.get("identity_number")
        if number and "identity_number" in self.changed_data:
            self._confirm_age(number, confirmed=data.get("birth_date_confirmed", False))
        return data

    def _confirm_age(self, number: identity.IdentityNumber, *, confirmed: bool) -> None:
        low, high = PLAUSIBLE_AGES
        age = number.age_on(timezone.localdate())
        if low <= age <= high:
            return
        self.fields["birth_date_confirmed"].widget = forms.CheckboxInput()
        if not confirmed:
            self.add_error(
                "birth_date_confirmed",
                ValidationError(
                    _(
                        "By the personnummer or samordningsnummer the participant is %(age)s "
                        "years old, outside %(low)s–%(high)s. Check the number, or confirm "
                        "that the date of birth is correct."
                    ),
                    code="implausible_age",
                    params={"age": age, "low": low, "high": high},
                ),
            )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        return normalise_phone_number(phone) if phone else ""


class ParticipantForm(forms.ModelForm):
    adaptations_needed = coded(Adaptation, _("Adaptations needed"))
    languages = coded(Language, _("Languages"))

    class Meta:
        formfield_callback = number_formfield
        model = Participant
        fields = [
            "gender",
            "birth_year",
            "municipality",
            "education",
            "income_source_start",
            "support_duration",
            "work_study_percent",
            "interest_industries",
            "interest_occupations",
            "preferred_municipalities",
            "preferred_industries",
            "hours_per_week",
            "adaptations_needed",
            "languages",
            "driving_licence",
            "has_car",
            "max_travel_km",
        ]
        # Every municipality, industry division and occupation group of the country: about
        # 800 options in all, written in one pass each (decision 0099).
        widgets = {
            "municipality": LongSelect,
            "interest_industries": LongSelectMultiple,
            "interest_occupations": LongSelectMultiple,
            "preferred_municipalities": LongSelectMultiple,
            "preferred_industries": LongSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_year"].required = True
        self.fields["municipality"].required = True
        self.fields["interest_industries"].queryset = Industry.objects.filter(level="division")
        self.fields["interest_occupations"].queryset = Occupation.objects.filter(level="sub-major")
        self.fields["preferred_industries"].queryset = Industry.objects.filter(level="division")
        for name in (
            "interest_industries",
            "interest_occupations",
            "preferred_municipalities",
            "preferred_industries",
        ):
            self.fields[name].widget.attrs["size"] = 8


class ConsentForm(forms.Form):
    # Asked, never assumed: the scope decides what may be done with the data (decision 0145).
    consent_scope = chosen(Participant.ConsentScope, _("What the participant consents to"))
    consent_date = forms.DateField(
        label=_("Consent given on"), widget=DateInput(), initial=datetime.date.today
    )
    reason = forms.CharField(
        label=_("What the participant wants to achieve"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Restricted: no diagnoses or health details."),
    )

    def clean_consent_date(self):
        value = self.cleaned_data["consent_date"]
        if value > timezone.localdate():
            raise ValidationError(_("The consent date cannot be in the future."), code="future")
        return value


def check_birth_year(participant_form: ParticipantForm, identity_form: IdentityForm) -> bool:
    """The birth year must be the one in the personnummer; adds the error and returns False."""
    number = identity_form.cleaned_data.get("identity_number")
    birth_year = participant_form.cleaned_data.get("birth_year")
    if number and birth_year and number.birth_date.year != birth_year:
        participant_form.add_error(
            "birth_year",
            ValidationError(
                _("The birth year does not match the personnummer (%(year)s)."),
                code="birth_year_mismatch",
                params={"year": number.birth_date.year},
            ),
        )
        return False
    return True


class RegistrationForms:
    """The identity, participant and consent forms of registering a consenting person.

    A caseworker's registration and the coordinator's conversion of a support
    request ask for the same; `registration()` gives the keyword arguments both
    services take for the person.
    """

    def __init__(self, data, *, identity_initial: dict | None = None):
        self.identity = IdentityForm(data, prefix="identity", initial=identity_initial)
        self.participant = ParticipantForm(data, prefix="participant")
        self.consent = ConsentForm(data, prefix="consent")
        self.forms = [self.identity, self.participant, self.consent]

    def birth_year_matches(self) -> bool:
        return check_birth_year(self.participant, self.identity)

    def registration(self) -> dict:
        participant = self.participant.save(commit=False)
        participant.consent_scope = self.consent.cleaned_data["consent_scope"]
        participant.consent_date = self.consent.cleaned_data["consent_date"]
        details = self.participant.cleaned_data
        return {
            "participant": participant,
            "interest_industries": details["interest_industries"],
            "interest_occupations": details["interest_occupations"],
            "preferred_municipalities": details["preferred_municipalities"],
            "preferred_industries": details["preferred_industries"],
            "name": self.identity.cleaned_data["name"],
            "number": self.identity.cleaned_data["identity_number"],
            "phone": self.identity.cleaned_data["phone"],
            "email": self.identity.cleaned_data["email"],
            "reason": self.consent.cleaned_data["reason"],
        }


class AnonymousParticipantForm(forms.Form):
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    start_year = IntegerField(label=_("Start year"), min_value=2000)
    reason = forms.CharField(
        label=_("What the participant wants to achieve"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Restricted: no diagnoses or health details."),
    )

    def clean_start_year(self) -> int:
        year = self.cleaned_data["start_year"]
        if year > timezone.localdate().year:
            raise ValidationError(_("The start year cannot be in the future."), code="future")
        return year


class PartyChoiceForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Referring party"), queryset=None)

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties
        if len(parties) == 1:
            self.fields["party"].initial = parties.first()


class ParticipantSearchForm(forms.Form):
    """Find a participant by code, or, for those who may see identities, by the
    personnummer or samordningsnummer (exact) or by whole words of the name."""

    q = forms.CharField(required=False, max_length=100)

    def __init__(self, data=None, *, by_identity: bool):
        super().__init__(data if data is not None else {})
        self.by_identity = by_identity
        self.fields["q"].label = _("Code, name or personnummer") if by_identity else _("Code")
        self.number = None

    def clean_q(self) -> str:
        query = self.cleaned_data["q"].strip()
        if self.by_identity and sum(char.isdigit() for char in query) >= IDENTITY_NUMBER_DIGITS:
            self.number = identity.parse_identity_number(query)
        return query

    @property
    def kind(self) -> str:
        """How the query searches: "", "code", "number" or "name"."""
        if not self.is_valid() or not self.cleaned_data["q"]:
            return ""
        if self.number is not None:
            return "number"
        query = self.cleaned_data["q"]
        if not self.by_identity or query.upper().startswith(CODE_PREFIX):
            return "code"
        return "name"

    def search(self, visible, findable):
        """The participants found: by code among `visible`, by identity among `findable`."""
        kind = self.kind
        if not kind:
            return visible if self.is_valid() else visible.none()
        query = self.cleaned_data["q"]
        # Rows found by identity say so: only their names are shown, and audited.
        if kind == "number":
            return findable.with_identity_number(self.number).annotate(
                found_by_identity=models.Value(True)
            )
        by_code = models.Q(code__icontains=query.upper())
        if kind == "code":
            return visible.filter(by_code)
        by_name = models.Q(pk__in=findable.with_name(query).values("pk"))
        return findable.filter(by_code | by_name).annotate(
            found_by_identity=models.ExpressionWrapper(by_name, output_field=models.BooleanField())
        )
