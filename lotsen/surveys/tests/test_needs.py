"""The needs inventory's ranking of support areas, for the plan and the catalogue."""

from lotsen.core.models import SupportArea
from lotsen.surveys import services
from lotsen.surveys.services import needs_ranking

from .factories import answer, invite, needs_round


def _answer_needs(survey, values, times=1):
    for _ in range(times):
        answer(survey, {"need-per-area": values, "most-urgent-area": "advice", "would-pay": "no"})


def test_the_ranking_puts_the_greatest_need_first(db):
    survey = needs_round("2026")
    _answer_needs(survey, {"procurement": 5, "advice": 2, "board": 4})
    _answer_needs(survey, {"procurement": 4, "advice": 2})
    ranking = needs_ranking(survey)
    assert [need.area.code for need in ranking[:3]] == ["procurement", "board", "advice"]
    assert [str(need.mean) for need in ranking[:3]] == ["4.50", "4.00", "2.00"]
    assert [need.rank for need in ranking[:3]] == [1, 2, 3]
    assert ranking[0].answers == 2
    # Every area is listed; those nobody rated come last without a mean.
    assert len(ranking) == SupportArea.objects.count()
    assert ranking[-1].mean is None


def test_unsubmitted_answers_do_not_count(db):
    survey = needs_round("2026")
    invitation = invite(survey)
    question = survey.questions.get(key="need-per-area")
    services.response_save(
        response=services.response_for_invitation(invitation),
        values={question.pk: {"procurement": 5}},
        submit=False,
    )
    assert needs_ranking(survey)[0].mean is None


def test_the_needs_page_shows_the_ranking_and_hides_small_counts(client, steering, coordinator, db):
    survey = needs_round("2026")
    _answer_needs(survey, {"procurement": 5, "advice": 2}, times=5)
    _answer_needs(survey, {"board": 3})
    client.force_login(steering)
    page = client.get("/enkater/behov/").text
    procurement = SupportArea.objects.get(code="procurement").name
    assert procurement in page
    assert "5.00" in page or "5,00" in page
    assert "dolt (färre än 5)" in page
    client.force_login(coordinator)
    assert "dolt (färre än 5)" not in client.get("/enkater/behov/").text


def test_the_needs_page_without_any_inventory(client, coordinator):
    client.force_login(coordinator)
    assert "Ingen behovsinventering har gjorts ännu." in client.get("/enkater/behov/").text


def test_an_outsider_cannot_see_the_needs(client, outsider):
    client.force_login(outsider)
    assert client.get("/enkater/behov/").status_code == 403


def test_the_funding_plan_is_offered_the_newest_ranking_of_rated_areas(db):
    from lotsen.funding import delivery

    older = needs_round("2024")
    _answer_needs(older, {"board": 5})
    newest = needs_round("2026")
    _answer_needs(newest, {"procurement": 5, "advice": 2, "board": 4})
    year = newest.closes_at.year
    assert delivery.needs_ranking(year + 1) == ["procurement", "board", "advice"]
    assert services.needs_ranking_for_plan(year - 5) == []
