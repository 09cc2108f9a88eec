from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import number_formfield
from lotsen.core.models import Industry, Municipality, SupportArea
from lotsen.core.widgets import LongSelect, PrivateFileInput

from .images import validate_image_upload
from .models import (
    ActorMapping,
    EnterprisePhoto,
    LegalForm,
    Organisation,
    Service,
    SocialEnterprise,
    SupportRole,
    TargetGroup,
    VerificationStatus,
)
from .search import search_profiles, uses_full_text_search


class OrganisationForm(forms.ModelForm):
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.select_related("county"),
        required=False,
        label=_("Municipality"),
        widget=LongSelect,
        error_messages={"invalid_choice": _("Unknown municipality. Choose one from the list.")},
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "name",
            "org_number",
            "municipality",
            "street_address",
            "postal_code",
            "postal_town",
            "email",
            "phone",
            "website",
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "street_address": forms.TextInput(attrs={"autocomplete": "street-address"}),
        }


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in value.replace(";", ",").split(",") if item.strip()]


class ProfileForm(forms.ModelForm):
    sni_codes = forms.CharField(
        label=_("Industries (SNI 2007 codes)"),
        required=False,
        help_text=_("Five-digit codes separated by commas, e.g. 43.320, 16.230."),
    )
    service_names = forms.CharField(
        label=_("Services and products"),
        required=False,
        help_text=_("Short words separated by commas, e.g. snickeri, möbelrenovering."),
    )
    municipalities_served = forms.ModelMultipleChoiceField(
        queryset=Municipality.objects.in_home_county(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Municipalities served"),
        error_messages={"invalid_choice": _("Unknown municipality. Choose one from the list.")},
    )
    target_groups = forms.MultipleChoiceField(
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Target groups we can receive"),
    )
    logo = forms.ImageField(
        label=_("Logo"),
        required=False,
        widget=PrivateFileInput,
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG or WebP, at most 2 MB."),
    )

    class Meta:
        formfield_callback = number_formfield
        model = SocialEnterprise
        fields = [
            "description",
            "offer",
            "legal_form",
            "purpose_work_integration",
            "staff_participation",
            "profits_reinvested",
            "independent_of_public_sector",
            "skoopi_member",
            "certified_on",
            "founded_year",
            "staff_count",
            "staff_from_target_group",
            "municipalities_served",
            "takes_trainees",
            "trainee_capacity",
            "target_groups",
            "languages",
            "premises_accessibility",
            "logo",
            "is_public",
        ]
        widgets = {
            "certified_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
            "offer": forms.Textarea(attrs={"rows": 3}),
            "premises_accessibility": forms.Textarea(attrs={"rows": 3}),
        }

    # Sections of the form, each shown as a fieldset.
    SECTIONS = (
        (_("About the company"), ("description", "service_names", "offer", "sni_codes", "logo")),
        (
            _("Social enterprise criteria"),
            (
                "legal_form",
                "purpose_work_integration",
                "staff_participation",
                "profits_reinvested",
                "independent_of_public_sector",
                "skoopi_member",
                "certified_on",
                "founded_year",
                "staff_count",
                "staff_from_target_group",
            ),
        ),
        (
            _("Work training"),
            (
                "takes_trainees",
                "trainee_capacity",
                "target_groups",
                "municipalities_served",
                "languages",
                "premises_accessibility",
            ),
        ),
        (_("Visibility"), ("is_public",)),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["logo"].widget.file_url = self.instance.get_logo_url()
            self.fields["sni_codes"].initial = ", ".join(
                industry.display_code for industry in self.instance.industries.all()
            )
            self.fields["service_names"].initial = ", ".join(
                service.name for service in self.instance.services.all()
            )

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def clean_sni_codes(self) -> list[Industry]:
        given = _split_list(self.cleaned_data["sni_codes"])
        codes = [item.replace(".", "").replace(" ", "") for item in given]
        found = Industry.objects.in_bulk(codes)
        unknown = [item for item, code in zip(given, codes, strict=True) if code not in found]
        if unknown:
            raise forms.ValidationError(
                _("Unknown SNI 2007 code: %(codes)s."),
                code="unknown_sni",
                params={"codes": ", ".join(unknown)},
            )
        return [found[code] for code in dict.fromkeys(codes)]

    def clean_service_names(self) -> list[str]:
        names = _split_list(self.cleaned_data["service_names"])
        too_long = [name for name in names if len(name) > 60]
        if too_long:
            raise forms.ValidationError(
                _("A service may be at most 60 characters: %(names)s."),
                params={"names": ", ".join(too_long)},
            )
        return names

    def save(self, commit: bool = True) -> SocialEnterprise:
        profile = super().save(commit=commit)
        if commit:
            profile.industries.set(self.cleaned_data["sni_codes"])
            profile.services.set(Service.from_names(self.cleaned_data["service_names"]))
        return profile


class PhotoForm(forms.ModelForm):
    image = forms.ImageField(
        label=_("Photo"),
        widget=PrivateFileInput,
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG or WebP, at most 2 MB."),
    )

    class Meta:
        model = EnterprisePhoto
        fields = ["image", "alt_text"]


PhotoFormSet = forms.inlineformset_factory(
    SocialEnterprise,
    EnterprisePhoto,
    form=PhotoForm,
    extra=1,
    max_num=6,
    validate_max=True,
    can_delete=True,
)


class VerificationForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (VerificationStatus.VERIFIED, _("Verified: the information is correct")),
            (VerificationStatus.NEEDS_INFORMATION, _("Needs information from the company")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Message to the company"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when information is needed. The company sees it on its profile "
            "whatever you decide."
        ),
    )


SORT_CHOICES = [
    ("", _("Best match")),
    ("namn", _("Name")),
    ("kommun", _("Municipality")),
    ("nyast", _("Recently updated")),
]


class _FilterForm(forms.Form):
    def _valid_data(self) -> dict:
        """The filters that are valid; an invalid one is reported and left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data


class DirectoryFilterForm(_FilterForm):
    """The directory's search and filters, read from the address so results can be shared."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kommun = forms.ModelChoiceField(
        queryset=Municipality.objects.in_home_county(),
        to_field_name="code",
        required=False,
        label=_("Municipality"),
        empty_label=_("All municipalities"),
    )
    bransch = forms.ModelChoiceField(
        queryset=Industry.objects.filter(social_enterprises__is_public=True).distinct(),
        to_field_name="code",
        required=False,
        label=_("Industry"),
        empty_label=_("All industries"),
    )
    tjanst = forms.ModelChoiceField(
        queryset=Service.objects.filter(social_enterprises__is_public=True).distinct(),
        to_field_name="slug",
        required=False,
        label=_("Service or product"),
        empty_label=_("All services"),
    )
    form = forms.ChoiceField(
        choices=[("", _("All legal forms")), *LegalForm.choices],
        required=False,
        label=_("Legal form"),
    )
    certifierad = forms.BooleanField(required=False, label=_("SKOOPI certified"))
    reserverad = forms.BooleanField(
        required=False, label=_("Can take part in reserved procurement")
    )
    praktik = forms.BooleanField(required=False, label=_("Takes people in work training"))
    sortering = forms.ChoiceField(choices=SORT_CHOICES, required=False, label=_("Sort by"))

    def filter(self, queryset):
        data = self._valid_data()
        if municipality := data.get("kommun"):
            queryset = queryset.filter(_in_or_serving(municipality))
        if industry := data.get("bransch"):
            queryset = queryset.filter(
                pk__in=SocialEnterprise.industries.through.objects.filter(industry=industry).values(
                    "socialenterprise"
                )
            )
        if service := data.get("tjanst"):
            queryset = queryset.filter(
                pk__in=SocialEnterprise.services.through.objects.filter(service=service).values(
                    "socialenterprise"
                )
            )
        if legal_form := data.get("form"):
            queryset = queryset.filter(legal_form=legal_form)
        if data.get("certifierad"):
            queryset = queryset.certified()
        if data.get("reserverad"):
            queryset = queryset.eligible_for_reserved_procurement()
        if data.get("praktik"):
            queryset = queryset.filter(takes_trainees=True)
        text = data.get("q", "")
        if text:
            queryset = search_profiles(queryset, text)
        return queryset.order_by(*self._ordering(data, searched=bool(text)))

    def _ordering(self, data, *, searched: bool) -> list[str]:
        sort = data.get("sortering", "")
        if sort == "kommun":
            return ["organisation__municipality__name", "organisation__name"]
        if sort == "nyast":
            return ["-updated_at", "organisation__name"]
        if sort == "" and searched and uses_full_text_search():
            return ["-rank", "organisation__name"]
        return ["organisation__name"]


def _in_or_serving(municipality) -> Q:
    """Companies based in the municipality or serving it; subqueries keep rows unique."""
    served = SocialEnterprise.municipalities_served.through.objects.filter(
        municipality=municipality
    ).values("socialenterprise")
    return Q(organisation__municipality=municipality) | Q(pk__in=served)


class ActorMappingForm(forms.ModelForm):
    support_areas = forms.ModelMultipleChoiceField(
        queryset=SupportArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Support it can offer"),
    )

    class Meta:
        model = ActorMapping
        fields = [
            "support_role",
            "knowledge",
            "interest",
            "support_areas",
            "contact_name",
            "contact_email",
            "last_contact",
            "notes",
        ]
        widgets = {
            "knowledge": forms.RadioSelect,
            "interest": forms.RadioSelect,
            "last_contact": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }


class ActorFilterForm(_FilterForm):
    roll = forms.ChoiceField(
        choices=[("", _("All roles")), *SupportRole.choices], required=False, label=_("Role")
    )
    kunskap = forms.TypedChoiceField(
        choices=[("", _("Any knowledge")), *ActorMapping.Scale.choices],
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Knowledge of ASF"),
    )
    intresse = forms.TypedChoiceField(
        choices=[("", _("Any interest")), *ActorMapping.Scale.choices],
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Interest"),
    )
    stod = forms.ModelChoiceField(
        queryset=SupportArea.objects.all(),
        required=False,
        label=_("Support offered"),
        empty_label=_("Any support"),
    )

    def filter(self, queryset):
        data = self._valid_data()
        if data.get("roll"):
            queryset = queryset.filter(support_role=data["roll"])
        if data.get("kunskap"):
            queryset = queryset.filter(knowledge=data["kunskap"])
        if data.get("intresse"):
            queryset = queryset.filter(interest=data["intresse"])
        if data.get("stod"):
            queryset = queryset.filter(
                pk__in=ActorMapping.support_areas.through.objects.filter(
                    supportarea=data["stod"]
                ).values("actormapping")
            )
        return queryset


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8, or Excel's semicolon-separated Swedish CSV) or Excel (.xlsx)."),
    )
