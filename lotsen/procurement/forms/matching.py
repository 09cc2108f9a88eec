"""Forms of matching: saved searches, the CPV–SNI correspondence and invitations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import Municipality
from lotsen.organisations.models import Organisation

from .. import cpv_sni
from ..models import CpvCode, CpvIndustryLink, Opportunity, SavedSearch


class SavedSearchForm(forms.ModelForm):
    cpv_divisions = forms.MultipleChoiceField(
        label=_("What is bought (CPV divisions)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Unknown CPV division. Choose one from the list.")},
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of opportunity"),
        choices=Opportunity.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Unknown kind. Choose one from the list.")},
    )
    municipalities = forms.ModelMultipleChoiceField(
        queryset=Municipality.objects.in_home_county(),
        label=_("Where the work is done"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Unknown municipality. Choose one from the list.")},
    )

    class Meta:
        model = SavedSearch
        fields = ["name", "words", "cpv_divisions", "kinds", "municipalities", "frequency"]
        help_texts = {
            "words": _("Every word must appear in the title or description, e.g. städ skola."),
        }
        widgets = {"frequency": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cpv_divisions"].choices = [
            (division.code[:2], str(division))
            for division in CpvCode.objects.filter(level="division")
        ]


class LinkForm(forms.Form):
    cpv = forms.CharField(
        label=_("CPV code"), max_length=20, help_text=_("Eight digits, e.g. 90911200.")
    )
    sni = forms.CharField(
        label=_("SNI 2007 code"), max_length=10, help_text=_("As SCB writes it, e.g. 81.210.")
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_cpv(self) -> CpvCode:
        code, error = cpv_sni.cpv_or_error(self.cleaned_data["cpv"])
        if error:
            raise forms.ValidationError(error)
        return code

    def clean_sni(self):
        industry, error = cpv_sni.industry_or_error(self.cleaned_data["sni"])
        if error:
            raise forms.ValidationError(error)
        return industry

    def clean(self):
        cleaned = super().clean()
        cpv, industry = cleaned.get("cpv"), cleaned.get("sni")
        if cpv and industry and CpvIndustryLink.objects.filter(cpv=cpv, industry=industry).exists():
            raise forms.ValidationError(
                _("%(cpv)s and %(sni)s are linked already.")
                % {"cpv": cpv.code, "sni": industry.display_code}
            )
        return cleaned

    def save(self) -> CpvIndustryLink:
        return CpvIndustryLink.objects.create(
            cpv=self.cleaned_data["cpv"],
            industry=self.cleaned_data["sni"],
            note=self.cleaned_data["note"],
        )


class LinkImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("The headings cpv,sni,note on the first row, then one link a row."),
    )


class InviteForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SOCIAL_ENTERPRISE),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Unknown enterprise.")},
    )
