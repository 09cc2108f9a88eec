from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import IntegerField, number_formfield

from . import engine
from .models import MatchingWeights


class WeightsForm(forms.ModelForm):
    class Meta:
        formfield_callback = number_formfield
        model = MatchingWeights
        fields = [part.value for part in engine.Part]

    def clean(self):
        cleaned = super().clean()
        values = [cleaned.get(part.value) for part in engine.Part]
        if all(value is not None for value in values) and not any(values):
            raise ValidationError(
                _("At least one weight must be above zero, or no suggestion could be ranked."),
                code="weights_all_zero",
            )
        return cleaned


class PairForm(forms.Form):
    """One suggestion to turn into a proposal: a waiting referral and an open place."""

    referral = IntegerField(min_value=1)
    opening = IntegerField(min_value=1)


def parse_pairs(values: list[str]) -> list[tuple[int, int]] | None:
    """Checked rows of the batch as (referral, opening); None when any row is malformed."""
    pairs = []
    for value in values:
        referral, _sep, opening = value.partition("-")
        if not (referral.isdigit() and opening.isdigit()):
            return None
        pairs.append((int(referral), int(opening)))
    return pairs
