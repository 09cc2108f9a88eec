from django import forms
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import Municipality

from .models import Organisation


class OrganisationForm(forms.ModelForm):
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.select_related("county"),
        required=False,
        label=_("Municipality"),
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
