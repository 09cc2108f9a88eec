import datetime
from operator import attrgetter, methodcaller

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import IntegerField, number_formfield
from lotsen.core.identifiers import normalise_phone_number
from lotsen.core.listing import Column, ListFilterForm
from lotsen.core.models import Industry, Occupation

from . import identity
from .models import (
    CODE_PREFIX,
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
from .reports import AGE_BANDS

# The ages the national follow-up counts; outside them a date of birth is more often a
# typing error than a participant, so it is confirmed before it is saved (decision 0147).
PLAUSIBLE_AGES = (AGE_BANDS[0][0], AGE_BANDS[-1][1])


def _chosen(choices, label):
    """A required choice that starts empty, so nothing is recorded the user did not pick."""
    return forms.ChoiceField(label=label, choices=[("", _("Choose…")), *choices.choices])


# Fewer digits than a personnummer without century: the query is a code or a name.
IDENTITY_NUMBER_DIGITS = 10


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
    # Asked, never assumed: the scope decides what may be done with the data (decision 0145).
    consent_scope = _chosen(Participant.ConsentScope, _("What the participant consents to"))
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
    status = forms.ChoiceField(
        label=_("New status"),
        choices=Referral.Status.choices,
        error_messages={
            "required": _("Choose a valid status."),
            "invalid_choice": _("Choose a valid status."),
        },
    )
    # Kept only with Declined: Referral.set_status refuses it with any other status.
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


class WithdrawForm(forms.Form):
    # Prefixes keep the ids apart: the coordinator's three forms share one page.
    prefix = "withdraw"
    reason = forms.CharField(label=_("Reason for withdrawing the proposal"), max_length=300)


class PhoneAnswerForm(forms.Form):
    prefix = "phone"
    answer = forms.ChoiceField(
        label=_("The enterprise's answer"),
        choices=[("accept", _("Accepted")), ("decline", _("Declined"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=300,
        required=False,
        help_text=_("Only when the enterprise declined."),
    )

    def clean(self):
        data = super().clean()
        reason = data.get("reason", "").strip()
        if data.get("answer") == "decline" and not reason:
            self.add_error(
                "reason",
                forms.ValidationError(
                    _("Give the reason the enterprise gave."), code="reason_required"
                ),
            )
        # An acceptance keeps no reason: refused rather than dropped unseen (decision 0142).
        if data.get("answer") == "accept" and reason:
            self.add_error(
                "reason",
                forms.ValidationError(
                    _(
                        "A reason is kept only when the enterprise declined. Empty the "
                        "reason, or choose Declined."
                    ),
                    code="reason_without_decline",
                ),
            )
        return data


class InviteContactForm(forms.Form):
    prefix = "invite"
    full_name = forms.CharField(label=_("Contact person's name"), max_length=200)
    email = forms.EmailField(label=_("Contact person's e-mail"))


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
    exit_reason = _chosen(Placement.ExitReason, _("Reason for ending"))
    outcome = _chosen(Outcome, _("Outcome"))
    income_source_after = _chosen(IncomeSource, _("Income source after"))
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
    outcome = _chosen(Outcome, _("Outcome"))
    income_source = _chosen(IncomeSource, _("Income source"))


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


# ---------------------------------------------------------------- lists


class OpeningFilterForm(ListFilterForm):
    search_fields = ("title", "enterprise__name", "municipality__name")
    status_choices = Opening.Status.choices
    sort_fields = {
        "title": ("title", _("Title")),
        "enterprise": ("enterprise__name", _("Enterprise")),
        "municipality": ("municipality__name", _("Municipality")),
        "free": ("seats_free", _("Free")),
        "available": ("available_from", _("Available from")),
    }
    columns = (
        Column(_("Title"), attrgetter("title")),
        Column(_("Enterprise"), attrgetter("enterprise.name")),
        Column(_("Municipality"), attrgetter("municipality.name")),
        Column(_("Hours per week, at least"), attrgetter("hours_min")),
        Column(_("Hours per week, at most"), attrgetter("hours_max")),
        Column(_("Capacity"), attrgetter("capacity")),
        Column(_("Taken"), attrgetter("seats_taken")),
        Column(_("Free"), attrgetter("seats_free")),
        Column(_("Available from"), attrgetter("available_from")),
        Column(_("Status"), methodcaller("get_status_display")),
    )


class ReferralFilterForm(ListFilterForm):
    search_fields = ("participant__code", "referring_party__name", "caseworker__email")
    status_choices = Referral.Status.choices
    sort_fields = {
        "received": ("received_at", _("Received")),
        "participant": ("participant__code", _("Participant")),
        "party": ("referring_party__name", _("Referring party")),
        "status": ("status", _("Status")),
    }
    columns = (
        Column(_("Participant"), attrgetter("participant.code")),
        Column(_("Referring party"), attrgetter("referring_party.name")),
        Column(_("Caseworker"), lambda referral: str(referral.caseworker)),
        Column(_("Received"), attrgetter("received_at")),
        Column(_("Status"), methodcaller("get_status_display")),
        Column(_("Status changed"), attrgetter("status_changed_at")),
    )


class PlacementFilterForm(ListFilterForm):
    search_fields = ("referral__participant__code", "opening__title", "opening__enterprise__name")
    status_choices = Placement.Status.choices
    sort_fields = {
        "proposed": ("proposed_at", _("Proposed")),
        "participant": ("referral__participant__code", _("Participant")),
        "enterprise": ("opening__enterprise__name", _("Enterprise")),
        "started": ("started_on", _("Started")),
        "status": ("status", _("Status")),
    }
    columns = (
        Column(_("Participant"), attrgetter("referral.participant.code")),
        Column(_("Work-training place"), attrgetter("opening.title")),
        Column(_("Enterprise"), attrgetter("opening.enterprise.name")),
        Column(_("Proposed"), attrgetter("proposed_at")),
        Column(_("Started"), attrgetter("started_on")),
        Column(_("Ended"), attrgetter("ended_on")),
        Column(_("Status"), methodcaller("get_status_display")),
    )


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
