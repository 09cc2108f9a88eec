"""The demo world's surveys, and the loose link of an evaluation to its event."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from lotsen.events.models import Event
from lotsen.organisations.models import Organisation
from lotsen.surveys import services
from lotsen.surveys.blueprints import EVENT_EVALUATION
from lotsen.surveys.models import Invitation, Response, Survey
from lotsen.surveys.policies import SMALL_CELL_LIMIT
from lotsen.surveys.results import compare_rounds


def test_the_demo_world_has_two_needs_inventories_a_census_and_evaluations(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # safe to repeat
    needs = Survey.objects.filter(kind=Survey.Kind.NEEDS_INVENTORY).order_by("closes_at")
    year = timezone.localdate().year
    assert [survey.round_label for survey in needs] == [str(year - 2), str(year)]
    census = Survey.objects.get(kind=Survey.Kind.CENSUS)
    assert census.round_label == str(year - 1)
    enterprises = Organisation.objects.social_enterprises().count()
    assert census.responses.submitted().count() > enterprises / 2
    # The evaluations are those of the events demo's followed-up events, one each.
    evaluations = Survey.objects.filter(kind=Survey.Kind.EVENT_EVALUATION)
    followed_up = Event.objects.exclude(evaluation_sent_at=None)
    assert followed_up.count() >= 2
    assert sorted(evaluations.values_list("event_id", flat=True)) == sorted(
        str(pk) for pk in followed_up.values_list("pk", flat=True)
    )
    assert set(evaluations.values_list("status", flat=True)) == {"closed"}
    assert all(survey.responses.submitted().exists() for survey in evaluations)
    assert compare_rounds(list(needs), viewer_sees_small_cells=False)
    assert services.needs_ranking(needs.last())[0].mean is not None
    # The filters by legal form and size have something to show in the newest round.
    facts = list(needs.last().responses.submitted().values_list("legal_form", "size_band"))
    assert facts and all(legal_form and size_band for legal_form, size_band in facts)
    sizes = Counter(size_band for _, size_band in facts)
    assert len(sizes) > 1 and max(sizes.values()) >= SMALL_CELL_LIMIT, sizes
    # Anonymous rounds kept no links, also in the demo.
    assert not Response.objects.filter(survey__anonymous=True, status="submitted").exclude(
        invitation=None
    )
    # The demo enterprise still has its own link to answer the open round.
    assert (
        needs.last()
        .invitations.filter(organisation__name="Snickeriet i Piteå ek. för.", answered=False)
        .exists()
    )


# This year's round has only just begun: it is open, and nothing in it is dated later.
@pytest.mark.today("2027-01-01")
def test_on_new_years_day_this_years_round_is_open_and_dated_in_the_past(db):
    call_command("seed_demo", stdout=StringIO())
    now, today = timezone.now(), timezone.localdate()
    rounds = Survey.objects.exclude(kind=Survey.Kind.EVENT_EVALUATION).order_by("closes_at")
    assert [(survey.title, survey.closes_at.year) for survey in rounds] == [
        (f"Behovsinventering {today.year - 2}", today.year - 2),
        (f"Kartläggning av de sociala företagen {today.year - 1}", today.year - 1),
        (f"Behovsinventering {today.year}", today.year),
    ]
    assert rounds.last().is_accepting_answers
    assert not Survey.objects.filter(opens_at__gt=now).exists()
    assert not Invitation.objects.filter(sent_at__gt=now).exists()
    assert not Response.objects.filter(submitted_on__gt=today).exists()


def test_an_evaluation_can_refer_to_any_event_object(db):
    event = Organisation.objects.create(name="Stand-in for an event", kind="other")
    survey = services.survey_create_from_blueprint(
        blueprint=EVENT_EVALUATION,
        title="Utvärdering",
        closes_at=timezone.now() + timedelta(days=7),
        event=event,
    )
    survey.refresh_from_db()
    assert survey.event == event
    assert survey.event_title == "Stand-in for an event"
