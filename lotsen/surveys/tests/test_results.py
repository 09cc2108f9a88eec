"""Results per question: counts, shares, means, small cells, filters, export."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from lotsen.core.models import SupportArea
from lotsen.core.small_cells import Hidden
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.surveys.models import Survey
from lotsen.surveys.results import survey_results

from .factories import answer, invite, needs_round, open_survey


@pytest.fixture
def survey(db):
    return open_survey(required=False)


def _by_key(results):
    return {result.question.key: result for result in results}


def test_it_counts_choices_with_shares_and_describes_numbers(survey):
    for branch, staff, tasks in [
        ("food", 10, ["a"]),
        ("food", 20, ["a", "b"]),
        ("wood", 30, ["b"]),
    ]:
        answer(
            survey,
            {"branch": branch, "staff": staff, "tasks": tasks, "mood": 4, "certified": "yes"},
        )
    results = _by_key(survey_results(survey, viewer_sees_small_cells=True))
    branch = results["branch"]
    assert branch.answered == 3
    assert [(cell.label, cell.count, str(cell.share)) for cell in branch.cells] == [
        ("Mat", 2, "66.7"),
        ("Trä", 1, "33.3"),
    ]
    assert [(cell.label, cell.count) for cell in results["tasks"].cells] == [
        ("A", 2),
        ("B", 2),
        ("C", 0),
    ]
    staff = results["staff"]
    assert (staff.mean, staff.median, staff.minimum, staff.maximum) == (20, 20, 10, 30)
    assert sum(cell.count for cell in staff.cells) == 3
    assert results["mood"].cells[3].count == 3
    assert results["mood"].mean == 4
    assert [cell.count for cell in results["certified"].cells] == [3, 0]


def test_the_matrix_gives_a_mean_per_support_area(survey):
    first, second = SupportArea.objects.all()[:2]
    answer(survey, {"needs": {first.code: 5, second.code: 1}})
    answer(survey, {"needs": {first.code: 4}})
    cells = {
        cell.label: cell
        for cell in _by_key(survey_results(survey, viewer_sees_small_cells=True))["needs"].cells
    }
    assert (cells[first.name].count, str(cells[first.name].mean)) == (2, "4.50")
    assert (cells[second.name].count, str(cells[second.name].mean)) == (1, "1.00")


def test_small_cells_are_hidden_outside_the_coordinators_view(survey):
    for _ in range(6):
        answer(survey, {"branch": "food"})
    answer(survey, {"branch": "wood"})
    hidden = _by_key(survey_results(survey, viewer_sees_small_cells=False))["branch"]
    # One hidden cell could be worked out from the total, so the next smallest goes too.
    assert [cell.hidden for cell in hidden.cells] == [Hidden.PROTECTING, Hidden.SMALL]
    assert hidden.protects
    shown = _by_key(survey_results(survey, viewer_sees_small_cells=True))["branch"]
    assert [cell.count for cell in shown.cells] == [6, 1]


def test_a_large_cell_stays_visible_when_two_small_ones_are_hidden(db):
    survey = open_survey(required=False)
    for value, times in (("a", 6), ("b", 2), ("c", 1)):
        for _ in range(times):
            answer(survey, {"tasks": [value]})
    cells = _by_key(survey_results(survey, viewer_sees_small_cells=False))["tasks"].cells
    assert [(cell.count if not cell.hidden else None) for cell in cells] == [6, None, None]


def test_a_question_with_fewer_than_five_answers_is_hidden_entirely(survey):
    for staff in (10, 12):
        answer(survey, {"staff": staff})
    result = _by_key(survey_results(survey, viewer_sees_small_cells=False))["staff"]
    assert result.hidden and result.mean is None


def test_the_steering_group_does_not_see_small_cells_on_the_page(client, steering, survey):
    for _ in range(6):
        answer(survey, {"branch": "food"})
    answer(survey, {"branch": "wood", "story": "Bara vi i Vidsel gör så här."})
    client.force_login(steering)
    page = client.get(f"/enkater/{survey.pk}/resultat/").text
    # Trä (1) is small; Mat (6) is hidden only so that Trä cannot be worked out.
    assert '<th scope="row">Trä</th>\n          <td colspan="2">&lt;5</td>' in page
    assert '<th scope="row">Mat</th>\n          <td colspan="2">..</td>' in page
    assert "uppgiften döljs för att en liten grupp inte ska kunna räknas fram" in page
    assert "Bara vi i Vidsel" not in page


def test_the_coordinator_sees_every_count_and_the_free_text(client, coordinator, survey):
    answer(survey, {"branch": "wood", "story": "Bara vi i Vidsel gör så här."})
    client.force_login(coordinator)
    page = client.get(f"/enkater/{survey.pk}/resultat/").text
    assert "&lt;5" not in page and "räknas fram" not in page
    assert "Bara vi i Vidsel" in page


def test_the_results_page_shows_the_response_rate_and_accessible_charts(
    client, coordinator, survey
):
    answer(survey, {"branch": "wood"})
    OrganisationFactory()
    invite(survey)
    client.force_login(coordinator)
    page = client.get(f"/enkater/{survey.pk}/resultat/").text
    assert "1 av 2 inbjudna har svarat (50 %)" in page
    assert 'role="img"' in page and "<title id=" in page
    assert "<caption" in page


def test_results_filter_on_municipality(client, coordinator, survey):
    answer(survey, {"branch": "food"}, OrganisationFactory(municipality_id="2580"))
    answer(survey, {"branch": "wood"}, OrganisationFactory(municipality_id="2581"))
    results = _by_key(
        survey_results(
            survey, viewer_sees_small_cells=True, filters={"response__municipality": "2581"}
        )
    )
    assert [cell.count for cell in results["branch"].cells] == [0, 1]
    client.force_login(coordinator)
    page = client.get(f"/enkater/{survey.pk}/resultat/?municipality=2581")
    assert page.status_code == 200
    assert [cell.count for cell in _by_key(page.context["results"])["branch"].cells] == [0, 1]


def test_an_unknown_municipality_in_the_filter_gives_a_message_not_an_error(
    client, coordinator, survey
):
    client.force_login(coordinator)
    response = client.get(f"/enkater/{survey.pk}/resultat/?municipality=9999")
    assert response.status_code == 200
    assert "Okänd kommun" in response.text


def test_the_results_page_needs_the_same_queries_for_more_responses(
    client, coordinator, survey, assert_constant_queries
):
    areas = list(SupportArea.objects.values_list("code", flat=True)[:3])

    def add_rows(n):
        for index in range(n):
            answer(
                survey,
                {
                    "branch": "food" if index % 2 else "wood",
                    "tasks": ["a", "b"],
                    "mood": 1 + index % 5,
                    "staff": index,
                    "story": f"Text {index}",
                    "certified": "yes",
                    "needs": dict.fromkeys(areas, 3),
                },
            )

    client.force_login(coordinator)
    assert_constant_queries(f"/enkater/{survey.pk}/resultat/", add_rows)


def test_it_exports_csv_and_xlsx_with_the_same_suppression(client, steering, survey):
    for _ in range(5):
        answer(survey, {"branch": "food"})
    answer(survey, {"branch": "wood"})
    client.force_login(steering)
    csv_response = client.get(f"/enkater/{survey.pk}/resultat.csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    text = csv_response.content.decode("utf-8-sig")
    assert "Fråga branch;Mat;..;" in text
    assert "Fråga branch;Trä;<5;" in text
    assert "Fråga branch;.. = uppgiften döljs" in text
    xlsx = client.get(f"/enkater/{survey.pk}/resultat.xlsx")
    sheet = load_workbook(BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Fråga", "Svar", "Antal")
    assert ("Fråga branch", "Trä", "<5") in [row[:3] for row in rows]
    assert ("Fråga branch", "Mat", "..") in [row[:3] for row in rows]
    assert any(row[1].startswith(".. = uppgiften döljs") for row in rows if row[1])


@pytest.mark.parametrize("persona", ["outsider", "enterprise_user", "caseworker", "admin_user"])
def test_others_cannot_see_results(db, client, request, survey, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/enkater/{survey.pk}/resultat/").status_code == 403
    assert client.get(f"/enkater/{survey.pk}/resultat.csv").status_code == 403
    # The list shows a member only what awaits their organisation; an outsider nothing.
    listing = client.get("/enkater/")
    assert listing.status_code == (403 if persona == "outsider" else 200)
    assert survey.get_absolute_url() not in listing.text


def test_a_visitor_is_sent_to_log_in(client, survey):
    response = client.get(f"/enkater/{survey.pk}/resultat/")
    assert response.status_code == 302
    assert "/konto/login/" in response.url


def test_the_steering_group_cannot_see_a_draft(client, steering, db):
    draft = needs_round("2030")
    Survey.objects.filter(pk=draft.pk).update(status=Survey.Status.DRAFT)
    client.force_login(steering)
    assert client.get(f"/enkater/{draft.pk}/resultat/").status_code == 404


def test_an_unknown_export_format_or_filter_is_refused(client, coordinator, survey):
    client.force_login(coordinator)
    assert client.get(f"/enkater/{survey.pk}/resultat.pdf").status_code == 404
    response = client.get(f"/enkater/{survey.pk}/resultat.csv?municipality=9999")
    assert response.status_code == 400
    assert "Okänd kommun" in response.content.decode()
