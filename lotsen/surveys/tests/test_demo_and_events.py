"""The demo world's surveys, and the loose link of an evaluation to its event."""

from collections import Counter
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from lotsen.events.models import Event
from lotsen.organisations.models import Organisation
from lotsen.surveys import services
from lotsen.surveys.blueprints import EVENT_EVALUATION
from lotsen.surveys.models import Response, Survey
from lotsen.surveys.policies import SMALL_CELL_LIMIT
from lotsen.surveys.results import compare_rounds


def test_the_demo_world_has_two_needs_inventories_a_census_and_evaluations(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # safe to repeat
    needs = Survey.objects.filter(kind=Survey.Kind.NEEDS_INVENTORY).order_by("closes_at")
    assert [survey.round_label for survey in needs] == ["2024", "2026"]
    census = Survey.objects.get(kind=Survey.Kind.CENSUS)
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
