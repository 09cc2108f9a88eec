import time
from decimal import Decimal
from operator import attrgetter, methodcaller
from pathlib import Path

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotsen.core.forms import DecimalField, IntegerField, number_formfield
from lotsen.core.identifiers import normalise_phone_number
from lotsen.core.listing import Column, ListFilterForm
from lotsen.core.models import SupportArea
from lotsen.core.widgets import LongSelectMultiple
from lotsen.events.models import Event
from lotsen.organisations.models import Organisation

from . import policies
from .models import Mentor, Offer, SupportRequest

# A person needs some seconds to write a request; a script posts at once.
MIN_FILL_SECONDS = 3
MAX_FILL_SECONDS = 24 * 3600
FORM_TOKEN_SALT = "lotsen.support.contact-form"

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Extension → how the file must begin (None: plain text, checked by decoding).
ALLOWED_ATTACHMENTS: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".txt": None,
}


def form_token(issued_at: float | None = None) -> str:
    """A signed time stamp put in the public form when it is shown."""
    return signing.dumps(issued_at if issued_at is not None else time.time(), salt=FORM_TOKEN_SALT)


def validate_attachment(upload) -> None:
    extension = Path(upload.name).suffix.lower()
    if extension not in ALLOWED_ATTACHMENTS:
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed: %(types)s."),
            code="file_type",
            params={"types": ", ".join(sorted(ALLOWED_ATTACHMENTS))},
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is allowed."),
            code="file_size",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_ATTACHMENT_BYTES),
            },
        )
    head = upload.read(2048)
    upload.seek(0)
    signatures = ALLOWED_ATTACHMENTS[extension]
    if signatures is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # A cut multi-byte character at the end is fine; binary content is not.
            if b"\x00" in head:
                raise ValidationError(
                    _("The file's content does not match its name."), code="file_content"
                ) from None
    elif not head.startswith(signatures):
        raise ValidationError(_("The file's content does not match its name."), code="file_content")


class AreaChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", SupportArea.objects.all())
        kwargs.setdefault("label", _("Area"))
        kwargs.setdefault(
            "error_messages", {"invalid_choice": _("Unknown area. Choose one from the list.")}
        )
        super().__init__(**kwargs)


class RequestForm(forms.Form):
    subject = forms.CharField(label=_("What is it about?"), max_length=200)
    description = forms.CharField(
        label=_("Your question in your own words"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("At most 5,000 characters."),
    )
    area = AreaChoiceField(
        required=False,
        empty_label=_("I don't know"),
        help_text=_("If you know which area your question belongs to."),
    )

    def clean_description(self) -> str:
        description = self.cleaned_data["description"].strip()
        if not description:
            raise ValidationError(_("Write your question."), code="required")
        return description


class PublicRequestForm(RequestForm):
    """The public form at /kontakt/: a honeypot and a minimum fill time keep robots out."""

    contact_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    contact_organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    # Hidden from people by the stylesheet; robots fill every field they find.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("started", form_token())

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data["contact_phone"].strip()
        return normalise_phone_number(phone) if phone else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("The request could not be sent."), code="spam")
        try:
            issued_at = float(
                signing.loads(self.data.get(self.add_prefix("started"), ""), salt=FORM_TOKEN_SALT)
            )
        except (signing.BadSignature, TypeError, ValueError):
            issued_at = 0.0
        elapsed = time.time() - issued_at
        if elapsed > MAX_FILL_SECONDS:
            # The form shown again carries a fresh time stamp, so the next try can pass.
            self.data = self.data.copy()
            self.data[self.add_prefix("started")] = form_token()
            raise ValidationError(_("The form has expired. Please send it again."), code="expired")
        if elapsed < MIN_FILL_SECONDS:
            raise ValidationError(
                _("That was fast. Please check your request and send it again."), code="too_fast"
            )
        return cleaned


class TriageForm(forms.Form):
    """The coordinator's decision on a new request."""

    outcome = forms.ChoiceField(
        label=_("Decision"),
        # A referral needs the person's consent and identity: its own page in the pilot function.
        choices=[
            choice
            for choice in SupportRequest.Outcome.choices
            if choice[0] != SupportRequest.Outcome.REFERRAL
        ],
        widget=forms.RadioSelect,
    )
    area = AreaChoiceField(required=False)
    offer = forms.ModelChoiceField(
        label=_("Offer"),
        queryset=Offer.objects.published().select_related("provider"),
        required=False,
        help_text=_("Choose an offer, or a provider below."),
        error_messages={"invalid_choice": _("Unknown offer. Choose one from the list.")},
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        # Parties of the association deliver support too, e.g. a municipality's business lots.
        queryset=Organisation.objects.filter(
            kind__in=[Organisation.Kind.SUPPORT_ACTOR, Organisation.Kind.PARTY]
        ),
        required=False,
        error_messages={"invalid_choice": _("Unknown provider. Choose one from the list.")},
    )
    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=Event.objects.none(),
        required=False,
        help_text=_(
            "When you register the requester: a place, or the waiting list when the event "
            "is full. The requester gets the confirmation by e-mail."
        ),
        error_messages={"invalid_choice": _("Unknown event. Choose a coming event from the list.")},
    )
    requester_organisation = forms.ModelChoiceField(
        label=_("The requester's organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("For a request from the public form, if the organisation is registered."),
        error_messages={"invalid_choice": _("Unknown organisation. Choose one from the list.")},
    )
    answer = forms.CharField(
        label=_("Answer to the requester"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Whatever you decide, the reply is e-mailed to the requester and shown on their "
            "page. Required when you answer directly."
        ),
    )
    note = forms.CharField(
        label=_("Internal note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For the provider or the event organiser; never shown to the requester."),
    )

    def __init__(self, *args, support_request: SupportRequest, user, **kwargs):
        super().__init__(*args, **kwargs)
        if support_request.requester_organisation_id:
            del self.fields["requester_organisation"]
        if support_request.area_id:
            # Triage changes an area but cannot clear it: offer no empty choice to be ignored.
            self.fields["area"].required = True
            self.fields["area"].empty_label = None
        event = self.fields["event"]
        event.queryset = Event.objects.visible_to(user).filter(starts_at__gt=timezone.now())
        event.label_from_instance = lambda e: (
            f"{timezone.localtime(e.starts_at):%Y-%m-%d %H:%M} {e.title}"
        )

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome == SupportRequest.Outcome.ASSIGNED and not (
            cleaned.get("offer") or cleaned.get("provider")
        ):
            self.add_error("provider", _("Choose a provider or an offer."))
        if outcome == SupportRequest.Outcome.ANSWERED and not cleaned.get("answer", "").strip():
            self.add_error("answer", _("Write the answer to the requester."))
        if outcome == SupportRequest.Outcome.EVENT and not cleaned.get("event"):
            self.add_error("event", _("Choose the event to register the requester for."))
        # A choice that the decision would not keep is refused rather than dropped unseen.
        if outcome and outcome != SupportRequest.Outcome.ASSIGNED:
            for name in ("offer", "provider"):
                if cleaned.get(name):
                    self.add_error(
                        name,
                        _(
                            "Only a request assigned to a provider keeps this. Clear it or "
                            "choose that decision."
                        ),
                    )
        if outcome and outcome != SupportRequest.Outcome.EVENT and cleaned.get("event"):
            self.add_error(
                "event",
                _("Only a registration for an event keeps this. Clear it or choose that decision."),
            )
        return cleaned


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, image, Word, Excel, OpenDocument or text; at most 10 MB."),
    )
    is_internal = forms.BooleanField(
        label=_("Internal note (not shown to the requester)"), required=False
    )

    def __init__(self, *args, can_write_internal: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_write_internal:
            del self.fields["is_internal"]

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise ValidationError(_("Write a message."), code="required")
        return body


class HoursForm(forms.Form):
    hours = DecimalField(
        label=_("Hours delivered"),
        min_value=Decimal("0.25"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        error_messages={"min_value": _("Hours must be more than zero.")},
    )
    note = forms.CharField(label=_("What was done"), max_length=300, required=False)


class CloseForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was the help?"),
        choices=[
            (5, _("5 – very good")),
            (4, _("4 – good")),
            (3, _("3 – fair")),
            (2, _("2 – poor")),
            (1, _("1 – very poor")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rating_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].required = rating_required


class RequestFilterForm(ListFilterForm):
    search_fields = (
        "subject",
        "area__name_sv",
        "area__name_en",
        "requester_organisation__name",
        "contact_organisation",
        "assigned_provider__name",
    )
    status_choices = SupportRequest.Status.choices
    sort_fields = {
        "created": ("created_at", pgettext_lazy("support request", "Received")),
        "due": ("resolution_due", _("Due")),
        "area": ("area__name_sv", _("Area")),
        "status": ("status", _("Status")),
    }
    columns = (
        Column(_("Request"), attrgetter("reference")),
        Column(_("Subject"), attrgetter("subject")),
        Column(
            _("From"),
            lambda item: str(item.requester_organisation or item.contact_organisation or ""),
        ),
        Column(_("Area"), lambda item: str(item.area or "")),
        Column(_("Status"), methodcaller("get_status_display")),
        Column(_("Provider"), lambda item: str(item.assigned_provider or "")),
        Column(pgettext_lazy("support request", "Received"), attrgetter("created_at")),
        Column(_("Due"), attrgetter("resolution_due")),
    )

    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def filter_more(self, queryset, data):
        return queryset.overdue() if data.get("overdue") else queryset


class OfferFilterForm(forms.Form):
    area = AreaChoiceField(required=False, empty_label=_("All areas"))
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("All formats")), *Offer.Format.choices], required=False
    )
    cost = forms.ChoiceField(
        label=_("Cost"), choices=[("", _("Any cost")), *Offer.Cost.choices], required=False
    )
    audience = forms.ChoiceField(
        label=_("For"),
        choices=[
            ("", _("Everyone")),
            (SupportArea.Audience.ENTERPRISES, _("Social enterprises")),
            (SupportArea.Audience.PUBLIC_SECTOR, _("Public sector")),
        ],
        required=False,
    )

    def filter(self, offers):
        data = self.cleaned_data
        if data.get("area"):
            offers = offers.filter(area=data["area"])
        if data.get("format"):
            offers = offers.filter(format=data["format"])
        if data.get("cost"):
            offers = offers.filter(cost=data["cost"])
        if data.get("audience"):
            offers = offers.filter(audience__in=[data["audience"], SupportArea.Audience.BOTH])
        return offers


class OfferForm(forms.ModelForm):
    area = AreaChoiceField()

    class Meta:
        formfield_callback = number_formfield
        model = Offer
        fields = [
            "provider",
            "area",
            "title",
            "description",
            "format",
            "cost",
            "price",
            "audience",
            "hours_per_year",
            "is_published",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        providers = Organisation.objects.filter(kind=Organisation.Kind.SUPPORT_ACTOR)
        self.fields["provider"].queryset = policies.offer_providers_for(user, providers).distinct()
        self.fields["provider"].error_messages["invalid_choice"] = _(
            "Choose one of your organisations."
        )


class GrantForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label=_("Enterprise"),
        queryset=Organisation.objects.social_enterprises(),
        error_messages={"invalid_choice": _("Unknown enterprise. Choose one from the list.")},
    )
    year = IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    offer = forms.ModelChoiceField(
        label=_("Offer"),
        queryset=Offer.objects.filter(hours_per_year__isnull=False).select_related("provider"),
        required=False,
        error_messages={"invalid_choice": _("Unknown offer. Choose one from the list.")},
    )
    area = AreaChoiceField(required=False, help_text=_("When the hours are for a whole area."))
    hours = DecimalField(
        label=_("Hours"), min_value=Decimal("0.5"), max_value=Decimal("1000"), decimal_places=1
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("Required when you top up an existing grant."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("year", timezone.localdate().year)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("offer") and not cleaned.get("area"):
            raise ValidationError(_("Choose an offer or an area."), code="no_scope")
        # A grant is for an offer or a whole area; with both, the area would be dropped unseen.
        if cleaned.get("offer") and cleaned.get("area"):
            self.add_error(
                "area", _("Choose either an offer or an area, not both. Clear one of them.")
            )
        return cleaned


class MentorForm(forms.ModelForm):
    class Meta:
        formfield_callback = number_formfield
        model = Mentor
        fields = [
            "full_name",
            "email",
            "organisation",
            "areas",
            "municipalities",
            "capacity",
            "is_active",
        ]
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "municipalities": LongSelectMultiple,
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.SUPPORT_ACTOR
        )


class MentorChoiceForm(forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=Mentor.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("This mentor cannot be matched. Choose another.")},
    )

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = DecimalField(
        label=_("Hours"), min_value=Decimal("0.5"), max_value=Decimal("24"), decimal_places=1
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise ValidationError(_("A meeting cannot be logged before it has taken place."))
        return held_on
