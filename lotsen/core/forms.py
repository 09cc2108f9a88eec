from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibilityReportForm(forms.Form):
    """A report of an accessibility problem (lag 2018:1937 requires a way to give one)."""

    page = forms.CharField(label=_("Which page or function?"), max_length=500)
    description = forms.CharField(
        label=_("Describe the problem"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    email = forms.EmailField(
        label=_("Your e-mail address (if you want an answer)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
