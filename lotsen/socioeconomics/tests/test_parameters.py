"""The shipped parameters, their validation on edit and the history of every edit."""

from decimal import Decimal

import pytest

from lotsen.socioeconomics.estimate import required_parameter_keys
from lotsen.socioeconomics.models import Parameter, ParameterVersion
from lotsen.socioeconomics.services import parameter_edit

pytestmark = pytest.mark.django_db

URL = "/effekt/socioekonomi/parametrar/{}/"


def form_data(parameter: Parameter, **changes) -> dict:
    data = {
        "low": parameter.low,
        "value": parameter.value,
        "high": parameter.high,
        "source_title": parameter.source_title,
        "source_publisher": parameter.source_publisher,
        "source_url": parameter.source_url,
        "source_date": parameter.source_date.isoformat() if parameter.source_date else "",
        "note": parameter.note,
        "to_review": "on" if parameter.to_review else "",
    }
    data.update(changes)
    return data


def test_the_data_migration_ships_every_parameter_the_estimate_needs():
    shipped = set(Parameter.objects.values_list("key", flat=True))
    assert shipped == set(required_parameter_keys())


def test_every_default_has_a_source_and_is_marked_as_an_estimate_to_review():
    for parameter in Parameter.objects.all():
        assert parameter.source_title and parameter.source_publisher, parameter.key
        assert parameter.to_review, parameter.key
        assert parameter.note.startswith("Standardvärde att granska"), parameter.key
        for value in (parameter.low, parameter.value, parameter.high):
            assert parameter.min_value <= value <= parameter.max_value, parameter.key
        assert parameter.versions.count() == 1


def test_the_defaults_carry_the_tax_rates_of_2026():
    assert Parameter.objects.get(key="employer_contribution_rate").value == Decimal("31.42")
    municipal = Parameter.objects.get(key="municipal_tax_rate").value
    regional = Parameter.objects.get(key="regional_tax_rate").value
    assert Decimal(33) < municipal + regional < Decimal(35)


@pytest.mark.parametrize(
    ("field", "bad"),
    [("value", "-5"), ("low", "150"), ("high", "100000"), ("value", "femtio")],
)
def test_a_negative_or_absurd_value_is_refused_and_nothing_changes(client, coordinator, field, bad):
    parameter = Parameter.objects.get(key="deadweight")
    client.force_login(coordinator)
    response = client.post(URL.format("deadweight"), form_data(parameter, **{field: bad}))
    assert response.status_code == 200
    content = response.content.decode()
    if bad != "femtio":
        assert "Tillåtet intervall: 0\u00a0% till 100\u00a0%." in content
    assert Parameter.objects.get(key="deadweight").value == parameter.value
    assert Parameter.objects.get(key="deadweight").low == parameter.low
    assert ParameterVersion.objects.filter(parameter=parameter).count() == 1


def test_the_refused_form_shows_the_allowed_range_in_kronor(client, coordinator):
    parameter = Parameter.objects.get(key="yearly_wage")
    client.force_login(coordinator)
    response = client.post(URL.format("yearly_wage"), form_data(parameter, value="-1"))
    assert (
        "Tillåtet intervall: 0\u00a0kr till 1\u00a0000\u00a0000\u00a0kr."
        in response.content.decode()
    )


def test_a_duration_must_be_whole_years(client, coordinator):
    parameter = Parameter.objects.get(key="duration_years")
    client.force_login(coordinator)
    response = client.post(URL.format("duration_years"), form_data(parameter, value="2,5"))
    assert "Ange hela år." in response.content.decode()
    assert Parameter.objects.get(key="duration_years").value == Decimal(3)


def test_an_edit_is_saved_with_who_and_when_and_appended_to_the_history(client, coordinator):
    parameter = Parameter.objects.get(key="yearly_wage")
    client.force_login(coordinator)
    response = client.post(
        URL.format("yearly_wage"),
        form_data(
            parameter, value="300 000", note="Granskad mot regionens lönestatistik.", to_review=""
        ),
    )
    assert response.status_code == 302
    parameter.refresh_from_db()
    assert parameter.value == Decimal(300000)
    assert not parameter.to_review
    assert parameter.edited_by == coordinator and parameter.edited_at is not None
    latest = parameter.versions.first()
    assert latest.value == Decimal(300000) and latest.edited_by == coordinator
    assert [v.value for v in parameter.versions.all()] == [Decimal(300000), Decimal(280000)]
    history = client.get(URL.format("yearly_wage")).content.decode()
    assert "Granskad mot regionens lönestatistik." in history


def test_versions_cannot_be_changed_or_deleted():
    version = ParameterVersion.objects.first()
    version.value = Decimal(1)
    with pytest.raises(TypeError):
        version.save()
    with pytest.raises(TypeError):
        version.delete()
    with pytest.raises(TypeError):
        ParameterVersion.objects.update(value=Decimal(1))
    with pytest.raises(TypeError):
        ParameterVersion.objects.all().delete()


def test_an_unknown_parameter_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get(URL.format("no-such-parameter")).status_code == 404


def test_a_parameters_page_needs_the_same_queries_for_a_longer_history(
    client, coordinator, assert_constant_queries
):
    parameter = Parameter.objects.get(key="attribution")

    def add_rows(n):
        for _ in range(n):
            parameter_edit(actor=coordinator, parameter=parameter)

    client.force_login(coordinator)
    assert_constant_queries(URL.format("attribution"), add_rows, more=5)
