import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.organisations.models import Organisation


class ApiKeyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Party"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTY),
        help_text=_("The key sees and sends what a caseworker of this party may."),
        error_messages={"invalid_choice": _("Unknown party. Choose one from the list.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Which system uses the key, e.g. “Case system”."),
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for a key that is valid until it is revoked."),
    )

    def clean_expires_on(self) -> datetime.date | None:
        value = self.cleaned_data["expires_on"]
        if value is not None and value <= timezone.localdate():
            raise ValidationError(_("Choose a day after today."), code="past")
        return value

    def expires_at(self) -> datetime.datetime | None:
        day = self.cleaned_data["expires_on"]
        if day is None:
            return None
        # Valid through the day chosen, in Lotsen's time zone.
        return timezone.make_aware(
            datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
        )
