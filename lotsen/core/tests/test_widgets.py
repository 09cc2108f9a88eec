"""The long select writes the same markup as Django's select, in one pass."""

from django import forms

from lotsen.core.widgets import LongSelect, LongSelectMultiple


class ChoiceForm(forms.Form):
    where = forms.ChoiceField(
        label="Where",
        choices=[("", "All"), ("2581", "Piteå"), ("x", "<Luleå & Boden>")],
        required=False,
        widget=LongSelect,
    )


def test_it_renders_every_option_with_the_chosen_one_selected():
    html = str(ChoiceForm({"where": "2581"})["where"])
    assert html.startswith('<select name="where" id="id_where">')
    assert '<option value="">All</option>' in html
    assert '<option value="2581" selected>Piteå</option>' in html
    assert html.count("<option") == 3


def test_labels_and_values_are_escaped():
    html = str(ChoiceForm()["where"])
    assert '<option value="x">&lt;Luleå &amp; Boden&gt;</option>' in html


def test_it_keeps_the_attributes_django_sets_on_an_invalid_field():
    form = ChoiceForm({"where": "nowhere"})
    assert not form.is_valid()
    assert 'aria-invalid="true"' in str(form["where"])


class SeveralForm(forms.Form):
    where = forms.MultipleChoiceField(
        label="Where",
        choices=[("2580", "Luleå"), ("2581", "Piteå"), ("2582", "Boden")],
        required=False,
        widget=LongSelectMultiple,
    )


def test_the_multiple_variant_marks_every_chosen_option_and_reads_them_all_back():
    form = SeveralForm({"where": ["2580", "2582"]})
    html = str(form["where"])
    assert html.startswith('<select name="where" id="id_where" multiple>')
    assert '<option value="2580" selected>Luleå</option>' in html
    assert '<option value="2581">Piteå</option>' in html
    assert '<option value="2582" selected>Boden</option>' in html
    assert form.is_valid()
    assert form.cleaned_data["where"] == ["2580", "2582"]
