"""Number fields read what people type in Swedish and in English, and show it back so."""

import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from lotsen.core.forms import DecimalField, IntegerField, LocalizedNumberMixin


class AmountForm(forms.Form):
    amount = DecimalField(max_digits=12, decimal_places=2, required=False)
    count = IntegerField(required=False)


def cleaned(language: str, **data):
    with translation.override(language):
        form = AmountForm(data=data)
        assert form.is_valid(), form.errors
        return form.cleaned_data


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("3 400 000", Decimal("3400000")),
        ("3\u00a0400\u00a0000", Decimal("3400000")),
        ("3\u202f400\u202f000", Decimal("3400000")),
        ("3,5", Decimal("3.5")),
        ("1 234,50", Decimal("1234.50")),
        (" 12500 ", Decimal("12500")),
        ("3.5", Decimal("3.5")),
        ("\u221212,5", Decimal("-12.5")),
    ],
)
def test_it_reads_swedish_amounts(typed, value):
    assert cleaned("sv", amount=typed)["amount"] == value


@pytest.mark.parametrize(
    ("typed", "value"),
    [("3,400,000", Decimal("3400000")), ("1,234.50", Decimal("1234.50")), ("3 400", 3400)],
)
def test_it_reads_english_amounts(typed, value):
    assert cleaned("en", amount=typed)["amount"] == value


def test_it_reads_whole_numbers_with_spaces():
    assert cleaned("sv", count="1 200")["count"] == 1200
    assert cleaned("en", count="1,200")["count"] == 1200


@pytest.mark.parametrize(
    ("language", "typed"),
    [("en", "3,5"), ("sv", "3,400,000"), ("sv", "3.400.000"), ("sv", "tre"), ("sv", "3,5 kr")],
)
def test_it_refuses_what_it_cannot_read_without_guessing(language, typed):
    with translation.override(language):
        form = AmountForm(data={"amount": typed})
        assert not form.is_valid()
        assert form.errors["amount"]


def test_a_whole_number_refuses_decimals():
    with translation.override("sv"):
        assert not AmountForm(data={"count": "3,5"}).is_valid()


def test_it_renders_a_text_input_with_the_number_keyboard():
    html = str(AmountForm()["amount"]) + str(AmountForm()["count"])
    assert 'type="number"' not in html
    assert 'inputmode="decimal"' in html
    assert 'inputmode="numeric"' in html


def test_a_stored_amount_is_shown_as_the_language_writes_it():
    initial = {"amount": Decimal("3400000.50"), "count": 2026}
    with translation.override("sv"):
        assert 'value="3\u00a0400\u00a0000,50"' in str(AmountForm(initial=initial)["amount"])
        assert 'value="2026"' in str(AmountForm(initial=initial)["count"])
    with translation.override("en"):
        assert 'value="3,400,000.50"' in str(AmountForm(initial=initial)["amount"])


def test_what_the_user_typed_is_shown_back_as_typed():
    with translation.override("sv"):
        form = AmountForm(data={"amount": "3 400 000,5x"})
        assert not form.is_valid()
        assert 'value="3 400 000,5x"' in str(form["amount"])


def project_forms():
    import lotsen

    for module in pkgutil.walk_packages(lotsen.__path__, "lotsen."):
        if module.name.endswith(".forms"):
            for form in vars(importlib.import_module(module.name)).values():
                if isinstance(form, type) and issubclass(form, forms.BaseForm):
                    yield form


def test_every_number_field_of_the_project_reads_spaces_and_commas():
    """Fields a form adds in __init__ are built with the same classes (grep forms.py)."""
    plain = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in project_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.IntegerField | forms.FloatField | forms.DecimalField)
        and not isinstance(field, LocalizedNumberMixin)
    ]
    assert plain == []
    assert len(list(project_forms())) > 40
