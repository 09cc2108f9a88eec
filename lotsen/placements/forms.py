import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import IntegerField, number_formfield
from lotsen.core.identifiers import normalise_phone_number
from lotsen.core.models import Industry, Occupation

from . import identity
from .models import (
    Adaptation,
    FollowUp,
    Gender,
    IncomeSource,
    Language,
    Opening,
    Outcome,
    Participant,
    Placement,
    PlacementAgreement,
    ProgressDimension,
    Referral,
    Supervisor,
)


def _coded(choices, label):
    return forms.MultipleChoiceField(
        label=label, choices=choices.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OpeningForm(forms.ModelForm):
    adaptations = _coded(Adaptation, _("Adaptations available"))
    languages = _coded(Language, _("Languages spoken at the place"))

    class Meta:
        formfield_callback = number_formfield
        model = Opening
        fields = [
            "enterprise",
            "title",
            "tasks",
            "industry",
            "occupation",
            "street_address",
            "municipality",
            "hours_min",
            "hours_max",
            "capacity",
            "adaptations",
            "languages",
            "public_transport",
            "status",
            "available_from",
        ]
        widgets = {"available_from": DateInput(), "tasks": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        self.fields["industry"].queryset = Industry.objects.filter(level="division")
        self.fields["occupation"].queryset = Occupation.objects.filter(level="unit")
        if len(enterprises) == 1:
            self.fields["enterprise"].initial = enterprises.first()


class SupervisorForm(forms.ModelForm):
    class Meta:
        model = Supervisor
        fields = ["name", "trained"]


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

    def clean_identity_number(self) -> identity.IdentityNumber:
        return identity.parse_identity_number(self.cleaned_data["identity_number"])

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        return normalise_phone_number(phone) if phone else ""


class ParticipantForm(forms.ModelForm):
    adaptations_needed = _coded(Adaptation, _("Adaptations needed"))
    languages = _coded(Language, _("Languages"))

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
    consent_scope = forms.ChoiceField(
        label=_("What the participant consents to"), choices=Participant.ConsentScope.choices
    )
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
        participant.start_year = timezone.localdate().year
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


class ReceivingCaseworkerForm(forms.Form):
    """Where a converted support request goes: a caseworker, and so their party."""

    membership = forms.ModelChoiceField(
        label=_("Caseworker at the referring party"),
        queryset=None,
        help_text=_(
            "The party takes responsibility for the referral; its caseworker sees it in "
            "their list. Agree with them before you convert."
        ),
        error_messages={"invalid_choice": _("Unknown caseworker. Choose one from the list.")},
    )
    note = forms.CharField(
        label=_("Internal note on the request"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the support request; never shown to the requester."),
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        field.queryset = memberships
        field.label_from_instance = lambda m: f"{m.user}, {m.organisation}"


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["referring_party", "reason"]

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referring_party"].queryset = parties
        if len(parties) == 1:
            self.fields["referring_party"].initial = parties.first()


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Referral.Status.choices)
    decline_reason = forms.CharField(
        label=_("Reason for declining"), required=False, max_length=300
    )


class ProposeForm(forms.Form):
    opening = forms.ModelChoiceField(label=_("Work-training place"), queryset=None)

    def __init__(self, *args, openings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opening"].queryset = openings


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), max_length=300)


class AgreementForm(forms.ModelForm):
    adaptations = _coded(Adaptation, _("Adaptations"))

    class Meta:
        formfield_callback = number_formfield
        model = PlacementAgreement
        fields = [
            "goals",
            "schedule",
            "hours_per_week",
            "supervisor",
            "adaptations",
            "start_date",
            "planned_end_date",
        ]
        widgets = {
            "start_date": DateInput(),
            "planned_end_date": DateInput(),
            "goals": forms.Textarea(attrs={"rows": 4}),
            "schedule": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, opening: Opening, **kwargs):
        super().__init__(*args, **kwargs)
        self.opening = opening
        self.fields["supervisor"].queryset = opening.supervisors.all()

    def clean_hours_per_week(self):
        hours = self.cleaned_data["hours_per_week"]
        if not self.opening.hours_min <= hours <= self.opening.hours_max:
            raise ValidationError(
                _("The place takes %(min)s–%(max)s hours a week."),
                code="hours_outside_opening",
                params={"min": self.opening.hours_min, "max": self.opening.hours_max},
            )
        return hours


class StartForm(forms.Form):
    started_on = forms.DateField(label=_("Started on"), widget=DateInput())


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("End date"), widget=DateInput())
    exit_reason = forms.ChoiceField(
        label=_("Reason for ending"), choices=Placement.ExitReason.choices
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    income_source_after = forms.ChoiceField(
        label=_("Income source after"), choices=IncomeSource.choices
    )
    work_study_percent_after = IntegerField(
        label=_("Work or studies after exit, percent of 40 hours a week"),
        help_text=_("For example 50 for 20 hours a week, 0 if none."),
        required=False,
        min_value=0,
        max_value=100,
    )


class FollowUpForm(forms.ModelForm):
    class Meta:
        formfield_callback = number_formfield
        model = FollowUp
        fields = ["date", "phase", "hours_attended", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, dimensions: list[ProgressDimension], **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        for dimension in dimensions:
            self.fields[f"score_{dimension.code}"] = forms.TypedChoiceField(
                label=dimension.name,
                choices=[("", _("Not rated")), *[(v, str(v)) for v in range(1, 6)]],
                coerce=int,
                empty_value=None,
                required=False,
                help_text=_("1 = much support needed, 5 = manages independently."),
            )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise ValidationError(_("A follow-up cannot be in the future."), code="future")
        return value

    def scores(self) -> dict[str, int]:
        return {
            dimension.code: self.cleaned_data.get(f"score_{dimension.code}")
            for dimension in self.dimensions
        }


class OutcomeCheckForm(forms.Form):
    checked_on = forms.DateField(label=_("Checked on"), widget=DateInput())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    income_source = forms.ChoiceField(label=_("Income source"), choices=IncomeSource.choices)


class ReportPeriodForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    date_to = forms.DateField(label=_("To"), widget=DateInput(), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError(
                _("The from-date cannot be after the to-date."), code="reversed_period"
            )
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return (
            data.get("date_from") or datetime.date(today.year, 1, 1),
            data.get("date_to") or today,
        )
