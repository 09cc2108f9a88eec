from datetime import timedelta

from django.utils import timezone

from lotsen.surveys.models import Survey

from .factories import answer, invite, open_survey


def test_the_coordinator_sees_surveys_closing_soon_with_their_answers(client, coordinator):
    survey = open_survey(required=False, title="Kartläggning som stänger")
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() + timedelta(days=3))
    answer(survey, {"name": "x"})
    invite(survey)
    later = open_survey(required=False, title="Långt kvar")
    Survey.objects.filter(pk=later.pk).update(closes_at=timezone.now() + timedelta(days=60))
    client.force_login(coordinator)
    page = client.get("/oversikt/").text
    assert "Enkäter som stänger snart" in page
    assert "Kartläggning som stänger" in page
    assert "1 av 2 har svarat" in page
    assert "Långt kvar" not in page


def test_others_do_not_get_the_section(client, steering):
    survey = open_survey(required=False)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() + timedelta(days=3))
    client.force_login(steering)
    assert "Enkäter som stänger snart" not in client.get("/oversikt/").text


def test_the_section_needs_the_same_queries_for_more_surveys(
    client, coordinator, assert_constant_queries
):
    def add_rows(n):
        for _ in range(n):
            survey = open_survey(required=False)
            Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() + timedelta(days=2))
            invite(survey)

    client.force_login(coordinator)
    assert_constant_queries("/oversikt/", add_rows, more=4)
