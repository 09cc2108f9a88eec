"""The forms buyers publish opportunities with, and the public list's filters."""

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import DecimalField, number_formfield
from lotsen.core.listing import ListFilterForm
from lotsen.core.models import Municipality

from .. import codelists
from ..models import CpvCode, DirectAwardLimit, Lot, Opportunity, OpportunityDocument
from ..policies.publishing import organisations_published_for

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
# 90911200 or 90911200-8: the code with or without its check digit.
CPV_PATTERN = re.compile(r"^(\d{8})(?:-\d)?$")
CPV_SEPARATORS = re.compile(r"[\s,;]+")

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# Extension → how the file must begin: PDF, and the zip container of DOCX and XLSX.
DOCUMENT_SIGNATURES = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04", ".xlsx": b"PK\x03\x04"}


class KronorField(DecimalField):
    """An amount in whole kronor: "1 200 000", "1 200 000,50 kr" and "450 000 SEK" are read,
    öre rounded away, since the estimates are kept in whole kronor."""

    CURRENCY = re.compile(r"\s*(kr|kronor|sek|:-)\.?\s*$", re.IGNORECASE)

    def to_python(self, value):
        if isinstance(value, str):
            value = self.CURRENCY.sub("", value)
        number = super().to_python(value)
        return number.quantize(Decimal(1), rounding=ROUND_HALF_UP) if number is not None else None


def money_formfield(db_field, **kwargs):
    if db_field.name == "estimated_value":
        kwargs.setdefault("form_class", KronorField)
    return number_formfield(db_field, **kwargs)


def parse_cpv_codes(text: str) -> list[CpvCode]:
    """The CPV codes written in `text`, in order; an unknown or malformed one is named."""
    written = [word for word in CPV_SEPARATORS.split(text.strip()) if word]
    codes, unknown = [], []
    for word in written:
        match = CPV_PATTERN.match(word)
        codes.append(match.group(1) if match else None)
        if not match:
            unknown.append(word)
    found = CpvCode.objects.in_bulk([code for code in codes if code])
    unknown += [
        word for word, code in zip(written, codes, strict=True) if code and code not in found
    ]
    if unknown:
        raise ValidationError(
            _("Unknown CPV code: %(codes)s. Write the 8 digits, e.g. 90911200 or 90911200-8."),
            code="unknown_cpv",
            params={"codes": ", ".join(unknown)},
        )
    return list(dict.fromkeys(found[code] for code in codes))


class CpvCodeField(forms.Field):
    widget = forms.TextInput

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        codes = parse_cpv_codes(text)
        if len(codes) > 1:
            raise ValidationError(_("Give one main CPV code."), code="one_main_cpv")
        return codes[0]

    def prepare_value(self, value):
        return value.pk if isinstance(value, CpvCode) else value


class CpvCodesField(forms.Field):
    widget = forms.TextInput

    def to_python(self, value):
        text = (value or "").strip()
        return parse_cpv_codes(text) if text else []

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return " ".join(getattr(code, "pk", str(code)) for code in value)
        return value


def validate_document(upload) -> None:
    """A PDF, DOCX or XLSX whose content matches its name, of reasonable size."""
    signature = DOCUMENT_SIGNATURES.get(Path(upload.name).suffix.lower())
    if signature is None:
        raise ValidationError(_("Upload the document as PDF, DOCX or XLSX."), code="file_type")
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is allowed."),
            code="file_size",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_DOCUMENT_BYTES),
            },
        )
    head = upload.read(len(signature))
    upload.seek(0)
    if head != signature:
        raise ValidationError(_("The file's content does not match its name."), code="file_content")


def _to_minute(moment):
    return moment.replace(second=0, microsecond=0)


def direct_award_limit(opportunity: Opportunity):
    """The LOU limit of the day the opportunity was published, or of today for a draft."""
    day = timezone.localdate(opportunity.published_at) if opportunity.published_at else None
    return DirectAwardLimit.objects.on(day or timezone.localdate(), "LOU")


class OpportunityForm(forms.ModelForm):
    main_cpv = CpvCodeField(
        label=_("Main CPV code"),
        help_text=_("8 digits, with or without the check digit, e.g. 90911200-8."),
    )
    additional_cpv = CpvCodesField(
        label=_("Additional CPV codes"),
        required=False,
        help_text=_("Separated by spaces or commas."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Where the work is done"),
        required=False,
        queryset=Municipality.objects.in_home_county(),
        widget=forms.CheckboxSelectMultiple,
    )
    tenders_due = forms.DateTimeField(
        label=_("Tenders due"),
        required=False,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        help_text=_("Swedish time."),
    )
    strategic_procurement = forms.MultipleChoiceField(
        label=_("Strategic procurement"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    social_objectives = forms.MultipleChoiceField(
        label=_("Social objectives"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notice_url = forms.URLField(
        label=_("Notice in a registered notice database"),
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Opportunity
        formfield_callback = money_formfield
        fields = [
            "buyer",
            "kind",
            "title",
            "description",
            "contract_nature",
            "main_cpv",
            "additional_cpv",
            "municipalities",
            "estimated_value",
            "questions_until",
            "tenders_due",
            "contract_start",
            "contract_end",
            "notice_url",
            "strategic_procurement",
            "social_objectives",
            "reserved_participation",
            "reserved_execution",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "questions_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contract_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contract_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "reserved_participation": _(
                "Reserved contracts and reserved services are set to their reservation."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = organisations_published_for(user)
        self.fields["buyer"].empty_label = None
        self.fields["strategic_procurement"].choices = codelists.choices(
            codelists.STRATEGIC_PROCUREMENT
        )
        self.fields["social_objectives"].choices = codelists.choices(codelists.SOCIAL_OBJECTIVE)
        self.fields["reserved_participation"].choices = codelists.reserved_participation_choices()
        self.limit = direct_award_limit(self.instance)
        if self.limit is not None:
            self.fields["estimated_value"].help_text = _(
                "The direct-award limit in force is %(limit)s kr (LOU)."
            ) % {"limit": number_format(self.limit, force_grouping=True)}

    def clean_tenders_due(self):
        due = self.cleaned_data["tenders_due"]
        # A published opportunity past its deadline keeps it while other fields are fixed;
        # the form shows the deadline to the minute.
        kept = self.instance.tenders_due
        moved = kept is None or due is None or _to_minute(due) != _to_minute(kept)
        draft = self.instance.status == Opportunity.Status.DRAFT
        if due and due < timezone.now() and (draft or moved):
            raise ValidationError(_("Tenders cannot be due in the past."), code="past_due")
        return due

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        reservation = Opportunity.RESERVATION_OF_KIND.get(kind)
        if reservation and data.get("reserved_participation") in (None, "", "none"):
            # The kind says what is reserved; the buyer need not say it twice.
            data["reserved_participation"] = reservation
            self.instance.reserved_participation = reservation
        value = data.get("estimated_value")
        if kind == Opportunity.Kind.DIRECT_AWARD and value and self.limit and value > self.limit:
            self.add_error(
                "estimated_value",
                ValidationError(
                    _(
                        "A direct award may be at most %(limit)s kr (LOU). Above it, "
                        "choose another kind of procurement."
                    ),
                    code="above_direct_award_limit",
                    params={"limit": number_format(self.limit, force_grouping=True)},
                ),
            )
        return data


class LotForm(forms.ModelForm):
    class Meta:
        model = Lot
        formfield_callback = money_formfield
        fields = ["number", "title", "description", "estimated_value"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


LotFormSet = forms.inlineformset_factory(
    Opportunity, Lot, form=LotForm, extra=1, can_delete=True, max_num=50, validate_max=True
)


class DocumentForm(forms.ModelForm):
    file = forms.FileField(
        label=_("File"),
        validators=[validate_document],
        help_text=_("PDF, DOCX or XLSX."),
    )

    class Meta:
        model = OpportunityDocument
        fields = ["title", "file"]


class OpportunityFilterForm(ListFilterForm):
    """The public list's search and filters; without a status filter, the open ones."""

    search_fields = ("title", "description")

    division = forms.ChoiceField(label=_("CPV division"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.in_home_county(),
        empty_label=_("All municipalities"),
    )
    reserved = forms.ChoiceField(
        label=_("Reserved"),
        required=False,
        choices=[
            ("", _("Reserved or not")),
            ("yes", _("Only reserved")),
            ("no", _("Only not reserved")),
        ],
    )
    # Not "status": the shared filter reads that name as an exact status.
    stage = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *Opportunity.Kind.choices]
        self.fields["stage"].choices = [
            ("", _("Open for tenders")),
            (Opportunity.Status.CLOSED, _("Closed for tenders")),
            (Opportunity.Status.AWARDED, _("Awarded")),
            ("all", _("All")),
        ]
        divisions = CpvCode.objects.filter(level="division").order_by("code")
        self.fields["division"].choices = [("", _("All divisions"))] + [
            (code.division, str(code)) for code in divisions
        ]

    def filter_more(self, queryset, data):
        status = data.get("stage")
        if not status:
            queryset = queryset.filter(status=Opportunity.Status.PUBLISHED)
        elif status != "all":
            queryset = queryset.filter(status=status)
        if data.get("division"):
            queryset = queryset.filter(main_cpv__code__startswith=data["division"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("municipality"):
            queryset = queryset.filter(municipalities=data["municipality"])
        if data.get("reserved") == "yes":
            queryset = queryset.exclude(reserved_participation="none", reserved_execution=False)
        elif data.get("reserved") == "no":
            queryset = queryset.filter(reserved_participation="none", reserved_execution=False)
        return queryset
