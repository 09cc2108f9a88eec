"""Forms of referrals and placements: status, proposals, answers, agreements, lists."""

from operator import attrgetter, methodcaller

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import IntegerField, number_formfield
from lotsen.core.listing import Column, ListFilterForm

from ..models import (
    Adaptation,
    IncomeSource,
    Opening,
    Outcome,
    Placement,
    PlacementAgreement,
    Referral,
)
from .fields import DateInput, chosen, coded


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
    adaptations = coded(Adaptation, _("Adaptations"))

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


MAX_SCAN_BYTES = 10 * 1024 * 1024
# How a scanned page must begin, by what it is (checked by content, not by name).
SCAN_SIGNATURES = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}


def validate_scan(upload) -> None:
    """A PDF, JPEG or PNG of at most MAX_SCAN_BYTES, recognised by how it begins."""
    if upload.size > MAX_SCAN_BYTES:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is allowed."),
            code="file_size",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_SCAN_BYTES),
            },
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SCAN_SIGNATURES.values()):
        raise ValidationError(
            _("Upload the scanned page as PDF, JPEG or PNG."), code="file_content"
        )


class PaperApprovalForm(forms.Form):
    """The coordinator records the agreement a participant signed on paper."""

    shown_version = IntegerField(
        label=_("Version printed on the signed page"),
        min_value=1,
        help_text=_("The agreement's PDF prints its version beside the signature line."),
    )
    scan = forms.FileField(
        label=_("Scanned page with the participant's signature"),
        validators=[validate_scan],
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )


class StartForm(forms.Form):
    started_on = forms.DateField(label=_("Started on"), widget=DateInput())


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("End date"), widget=DateInput())
    exit_reason = chosen(Placement.ExitReason, _("Reason for ending"))
    outcome = chosen(Outcome, _("Outcome"))
    income_source_after = chosen(IncomeSource, _("Income source after"))
    work_study_percent_after = IntegerField(
        label=_("Work or studies after exit, percent of 40 hours a week"),
        help_text=_("For example 50 for 20 hours a week, 0 if none."),
        required=False,
        min_value=0,
        max_value=100,
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
