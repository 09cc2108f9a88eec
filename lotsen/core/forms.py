import re

from django import forms
from django.db import models
from django.utils.formats import get_format, number_format
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


# 1,234 or 12,345,678.50: thousands commas as English writes them.
ENGLISH_GROUPS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def plain_number(text: str) -> str:
    """A number as people write it in the active language, in the notation Python reads.

    Spaces of any kind group the thousands (3 400 000, also with the non-breaking
    spaces a copied figure carries). The language's decimal mark separates the
    decimals: 3,5 in Swedish, 3.5 in English; a point also does in Swedish, as in
    figures pasted from other systems. English thousands commas count only in groups
    of three (1,234.50), so that a Swedish 3,5 is refused rather than read as 35.
    """
    text = "".join(text.split()).replace("\u2212", "-")
    decimal_mark = get_format("DECIMAL_SEPARATOR")
    thousands_mark = get_format("THOUSAND_SEPARATOR")
    if thousands_mark == "," and ENGLISH_GROUPS.fullmatch(text):
        text = text.replace(",", "")
    return text.replace(decimal_mark, ".")


class NumberTextInput(forms.TextInput):
    """A text input for a number: type="number" refuses the spaces people type.

    `inputmode` still brings up the number keyboard on a phone. A value from the
    database is written as the language writes it (grouped unless `grouped` is off:
    a year is no amount); what the user typed is shown back as typed.
    """

    def __init__(self, attrs=None, *, inputmode: str = "decimal", grouped: bool = True):
        super().__init__({"inputmode": inputmode, **(attrs or {})})
        self.grouped = grouped

    def format_value(self, value):
        if value is None or value == "" or isinstance(value, str):
            return super().format_value(value)
        return number_format(value, use_l10n=True, force_grouping=self.grouped)


class LocalizedNumberMixin:
    """Read a number written the active language's way (see plain_number)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = plain_number(value)
        return super().to_python(value)


class IntegerField(LocalizedNumberMixin, forms.IntegerField):
    """A whole number: a count, a percentage, a year. 1 200 and 1200 are both read."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", NumberTextInput(inputmode="numeric", grouped=False))
        super().__init__(**kwargs)


class DecimalField(LocalizedNumberMixin, forms.DecimalField):
    """An amount or a number of hours: 3 400 000, 12,5 and 1 234,50 are all read."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", NumberTextInput())
        super().__init__(**kwargs)


def number_formfield(db_field, **kwargs):
    """`Meta.formfield_callback` of model forms: their number fields as the two above."""
    if isinstance(db_field, models.DecimalField):
        kwargs.setdefault("form_class", DecimalField)
    elif isinstance(db_field, models.IntegerField) and not db_field.choices:
        kwargs.setdefault("form_class", IntegerField)
    return db_field.formfield(**kwargs)
