"""Results filtered by legal form and size, facts copied onto the response at submission."""

import importlib
from io import BytesIO

import pytest
from django.apps import apps
from openpyxl import load_workbook

from lotsen.organisations.models import SocialEnterprise
from lotsen.organisations.tests.factories import OrganisationFactory, SocialEnterpriseFactory
from lotsen.surveys.models import Response, SizeBand
from lotsen.surveys.results import compare_rounds, survey_results

from .factories import answer, needs_round, open_survey

NPA = "non_profit_association"


@pytest.fixture
def survey(db):
    return open_survey(anonymous=True, required=False)


def _enterprise(legal_form: str = "economic_association", staff: int | None = 10, **org):
    return SocialEnterpriseFactory(
        legal_form=legal_form,
        staff_count=staff,
        staff_from_target_group=None,
        organisation=OrganisationFactory(**org),
    ).organisation


def _branch_counts(results) -> list[int]:
    return next(r for r in results if r.question.key == "branch").cells


def _mixed_answers(survey) -> None:
    """Six economic associations of 10–19 answer food; three non-profits of 3 answer wood."""
    for _ in range(6):
        answer(survey, {"branch": "food"}, _enterprise(staff=12))
    for _ in range(3):
        answer(survey, {"branch": "wood"}, _enterprise(NPA, staff=3))


@pytest.mark.parametrize(
    ("staff", "band"),
    [
        (None, ""),
        (0, SizeBand.UNDER_5),
        (4, SizeBand.UNDER_5),
        (5, SizeBand.FROM_5_TO_9),
        (9, SizeBand.FROM_5_TO_9),
        (10, SizeBand.FROM_10_TO_19),
        (19, SizeBand.FROM_10_TO_19),
        (20, SizeBand.FROM_20),
        (250, SizeBand.FROM_20),
    ],
)
def test_staff_counts_fall_into_size_bands(staff, band):
    assert SizeBand.for_staff_count(staff) == band


def test_an_anonymous_response_keeps_legal_form_and_size_but_not_who(survey):
    organisation = _enterprise(NPA, staff=7, municipality_id="2581")
    response = answer(survey, {"branch": "food"}, organisation)
    response.refresh_from_db()
    assert (response.legal_form, response.size_band) == (NPA, SizeBand.FROM_5_TO_9)
    assert response.municipality_id == "2581"
    assert response.organisation_id is None and response.invitation_id is None


def test_the_facts_stay_as_submitted_when_the_profile_changes_later(survey):
    organisation = _enterprise(staff=4)
    response = answer(survey, {"branch": "food"}, organisation)
    SocialEnterprise.objects.filter(organisation=organisation).update(
        legal_form="limited_company", staff_count=40
    )
    response.refresh_from_db()
    assert (response.legal_form, response.size_band) == ("economic_association", "under_5")


def test_a_respondent_without_a_profile_leaves_the_facts_empty(survey):
    response = answer(survey, {"branch": "food"}, OrganisationFactory(kind="other"))
    response.refresh_from_db()
    assert (response.legal_form, response.size_band) == ("", "")


def test_the_migration_fills_named_responses_from_their_profiles(db):
    named = open_survey(required=False)
    response = answer(named, {"branch": "food"}, _enterprise(NPA, staff=25))
    Response.objects.filter(pk=response.pk).update(legal_form="", size_band="")
    migration = importlib.import_module(
        "lotsen.surveys.migrations.0002_response_legal_form_and_size"
    )
    migration.copy_from_profiles(apps, None)
    response.refresh_from_db()
    assert (response.legal_form, response.size_band) == (NPA, "20_plus")


def test_results_filter_on_legal_form(client, coordinator, survey):
    _mixed_answers(survey)
    results = survey_results(
        survey, viewer_sees_small_cells=True, filters={"response__legal_form": NPA}
    )
    assert [cell.count for cell in _branch_counts(results)] == [0, 3]
    client.force_login(coordinator)
    page = client.get(f"/enkater/{survey.pk}/resultat/?legal_form={NPA}")
    assert page.status_code == 200
    assert [cell.count for cell in _branch_counts(page.context["results"])] == [0, 3]
    assert "Associationsform" in page.text


def test_results_filter_on_size_band(client, coordinator, survey):
    _mixed_answers(survey)
    client.force_login(coordinator)
    page = client.get(f"/enkater/{survey.pk}/resultat/?size_band=10_19")
    assert [cell.count for cell in _branch_counts(page.context["results"])] == [6, 0]
    both = client.get(f"/enkater/{survey.pk}/resultat/?size_band=10_19&legal_form={NPA}")
    assert [cell.count for cell in _branch_counts(both.context["results"])] == [0, 0]
    assert "Färre än 5 anställda" in page.text


def test_small_cells_stay_hidden_within_a_filter(client, steering, coordinator, survey):
    _mixed_answers(survey)
    client.force_login(steering)
    page = client.get(f"/enkater/{survey.pk}/resultat/?legal_form={NPA}")
    branch = next(r for r in page.context["results"] if r.question.key == "branch")
    assert branch.hidden and all(cell.hidden for cell in branch.cells)
    wide = client.get(f"/enkater/{survey.pk}/resultat/?size_band=10_19")
    assert [cell.count for cell in _branch_counts(wide.context["results"])] == [6, 0]
    client.force_login(coordinator)
    page = client.get(f"/enkater/{survey.pk}/resultat/?legal_form={NPA}")
    assert [cell.count for cell in _branch_counts(page.context["results"])] == [0, 3]


def test_exports_apply_the_filter_and_the_suppression(client, steering, survey):
    _mixed_answers(survey)
    client.force_login(steering)
    text = client.get(f"/enkater/{survey.pk}/resultat.csv?size_band=10_19").content.decode(
        "utf-8-sig"
    )
    assert "Fråga branch;Mat;6;100,0" in text  # the decimal comma of Swedish Excel
    xlsx = client.get(f"/enkater/{survey.pk}/resultat.xlsx?legal_form={NPA}")
    rows = [
        row[:3] for row in load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True)
    ]
    assert ("Fråga branch", "Trä", "<5") in rows
    assert ("Fråga branch", "Trä", 3) not in rows


def test_the_results_page_keeps_the_filters_on_its_export_buttons(client, coordinator, survey):
    _mixed_answers(survey)
    client.force_login(coordinator)
    page = client.get(f"/enkater/{survey.pk}/resultat/?legal_form={NPA}&size_band=under_5")
    assert f'name="legal_form" value="{NPA}"' in page.text
    assert 'name="size_band" value="under_5"' in page.text


def test_the_comparison_applies_the_filters_to_every_round(client, coordinator, db):
    first, second = needs_round("2024"), needs_round("2026")
    for survey, need in ((first, 2), (second, 4)):
        for _ in range(5):
            answer(
                survey,
                {"need-per-area": {"procurement": need}, "most-urgent-area": "procurement"},
                _enterprise(staff=6),
            )
            answer(
                survey,
                {"need-per-area": {"procurement": 1}, "most-urgent-area": "procurement"},
                _enterprise(NPA, staff=30),
            )
    filtered = {
        c.key: c
        for c in compare_rounds(
            [first, second],
            viewer_sees_small_cells=False,
            filters={"response__size_band": "5_9"},
        )
    }
    values = {
        row.label: [str(value.value) for value in row.values]
        for row in filtered["need-per-area"].rows
    }
    assert ["2.00", "4.00"] in values.values()
    client.force_login(coordinator)
    page = client.get(f"/enkater/serie/needs-inventory/?legal_form={NPA}")
    assert page.status_code == 200
    rows = {
        row.label: [str(value.value) for value in row.values]
        for row in next(c for c in page.context["comparisons"] if c.key == "need-per-area").rows
    }
    assert ["1.00", "1.00"] in rows.values()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("legal_form=kommanditbolag", "Okänd associationsform"),
        ("size_band=1000", "Okänd storlek"),
    ],
)
def test_an_unknown_filter_value_gives_a_message_not_an_error(
    client, coordinator, survey, query, message
):
    _mixed_answers(survey)
    client.force_login(coordinator)
    page = client.get(f"/enkater/{survey.pk}/resultat/?{query}")
    assert page.status_code == 200
    assert message in page.text
    # An unusable filter narrows nothing rather than guessing.
    assert [cell.count for cell in _branch_counts(page.context["results"])] == [6, 3]
    export = client.get(f"/enkater/{survey.pk}/resultat.csv?{query}")
    assert export.status_code == 400
    assert message in export.content.decode()
    needs_round("2024")
    compare = client.get(f"/enkater/serie/needs-inventory/?{query}")
    assert compare.status_code == 200
    assert message in compare.text


def test_filtered_results_and_comparison_need_the_same_queries_for_more_responses(
    client, coordinator, db, assert_constant_queries
):
    first, second = needs_round("2024"), needs_round("2026")

    def add_rows(n):
        for index in range(n):
            for survey in (first, second):
                answer(
                    survey,
                    {"need-per-area": {"procurement": 3}, "most-urgent-area": "procurement"},
                    _enterprise(NPA if index % 2 else "economic_association", staff=index),
                )

    client.force_login(coordinator)
    assert_constant_queries(
        f"/enkater/{second.pk}/resultat/?municipality=2580&legal_form={NPA}&size_band=5_9",
        add_rows,
    )
    assert_constant_queries(
        f"/enkater/serie/needs-inventory/?legal_form={NPA}&size_band=under_5", add_rows
    )


@pytest.mark.parametrize("persona", ["outsider", "enterprise_user"])
def test_others_cannot_filter_results(db, client, request, survey, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/enkater/{survey.pk}/resultat/?legal_form={NPA}").status_code == 403
    assert client.get(f"/enkater/{survey.pk}/resultat.csv?size_band=5_9").status_code == 403
    needs_round("2024")
    assert client.get(f"/enkater/serie/needs-inventory/?legal_form={NPA}").status_code == 403
