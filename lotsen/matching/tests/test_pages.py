"""The coordinator's matching pages: loader, weights, suggestions, proposals, batch, access."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent
from lotsen.core.models import Municipality
from lotsen.placements import services as placement_services
from lotsen.placements.models import Opening, Placement, Referral, Supervisor
from lotsen.placements.tests.factories import (
    OpeningFactory,
    enterprise_of,
    register,
    to_matching,
)

from .. import views
from ..engine import Part
from ..loader import MatchingData, load_openings, load_referrals
from ..models import MatchingWeights


@pytest.fixture
def waiting(coordinator, caseworker):
    """A referral waiting for matching; the participant lives in Luleå (2580)."""
    return to_matching(register(caseworker).referrals.get(), coordinator)


@pytest.fixture
def opening(db):
    # Piteå (2581): within reach of Luleå by bus.
    return OpeningFactory(title="Caféet", public_transport=True, capacity=1)


def _add_waiting(coordinator, caseworker, count: int) -> None:
    for number in range(count):
        wishes = {"preferred_municipalities": ["2581"], "preferred_industries": ["47"]}
        participant = register(caseworker, **(wishes if number % 2 else {}))
        to_matching(participant.referrals.get(), coordinator)


def _add_openings(count: int) -> None:
    for _ in range(count):
        opening = OpeningFactory(public_transport=True)
        Supervisor.objects.create(opening=opening, name="Handledare", trained=True)


# ---------------------------------------------------------------- loader


def test_the_loader_uses_the_home_municipality_centroid_and_the_place_address(
    coordinator, waiting, opening
):
    Opening.objects.filter(pk=opening.pk).update(
        latitude=Decimal("65.316000"), longitude=Decimal("21.480000")
    )
    data = MatchingData(coordinator, MatchingWeights.current().as_engine_weights())
    person = data.matcher.participants[0]
    lulea = Municipality.objects.get(code="2580")
    assert person.id == waiting.pk
    assert (person.lat, person.lon) == (float(lulea.latitude), float(lulea.longitude))
    assert person.hours_min == person.hours_max == 20
    assert person.needed_adaptations == {"quiet_place"}
    place = data.matcher.openings[0]
    assert (place.lat, place.lon) == (65.316, 21.48)
    assert place.capacity_left == 1
    assert place.supervisor_trained is False


def test_the_loader_falls_back_to_the_place_municipality_and_counts_proposals(
    coordinator, caseworker, waiting, opening
):
    Opening.objects.filter(pk=opening.pk).update(capacity=2)
    Supervisor.objects.create(opening=opening, name="Eva", trained=True)
    other = to_matching(register(caseworker).referrals.get(), coordinator)
    placement_services.placement_propose(actor=coordinator, referral=other, opening=opening)
    data = MatchingData(coordinator, MatchingWeights.current().as_engine_weights())
    place = data.matcher.openings[0]
    pitea = Municipality.objects.get(code="2581")
    assert (place.lat, place.lon) == (float(pitea.latitude), float(pitea.longitude))
    assert place.capacity_left == 1
    assert place.supervisor_trained is True
    # The proposed referral no longer waits.
    assert list(data.referrals) == [waiting.pk]


def test_the_loader_leaves_out_referrals_not_in_matching_and_closed_places(
    coordinator, caseworker, waiting, opening
):
    register(caseworker)  # received, not yet in matching
    OpeningFactory(status=Opening.Status.PAUSED)
    data = MatchingData(coordinator, MatchingWeights.current().as_engine_weights())
    assert list(data.referrals) == [waiting.pk]
    assert list(data.openings) == [opening.pk]


def test_the_loader_runs_a_fixed_number_of_queries(coordinator, caseworker, waiting, opening):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            load_referrals(coordinator)
            load_openings(coordinator)
        return len(queries)

    count()  # the user's roles are looked up once and cached
    few = count()
    _add_waiting(coordinator, caseworker, 6)
    _add_openings(6)
    assert count() == few == 6


def test_the_loader_passes_the_stated_wishes_and_the_page_words_them(
    client, coordinator, waiting, opening
):
    participant = waiting.participant
    participant.preferred_municipalities.set(["2581", "2582"])
    participant.preferred_industries.set(["56"])
    Opening.objects.filter(pk=opening.pk).update(industry_id="5610")
    data = MatchingData(coordinator, MatchingWeights.current().as_engine_weights())
    person = data.matcher.participants[0]
    assert person.preferred_municipalities == {"2581", "2582"}
    assert person.preferred_sni == ("56",)
    # The place is in Piteå (2581) and its class 5610 lies in the wished division 56.
    explanation = data.matcher.explain(waiting.pk, opening.pk)
    preference = next(p for p in explanation.parts if p.part == Part.PREFERENCE)
    assert preference.value == 1.0
    assert preference.contribution > 0
    client.force_login(coordinator)
    page = client.get(reverse("matching:referral_suggestions", args=[waiting.pk])).text
    assert "motsvarar önskan att arbeta i Piteå" in page
    assert "motsvarar önskad bransch Restaurangverksamhet" in page


def test_a_wish_not_met_is_worded_too(client, coordinator, waiting, opening):
    waiting.participant.preferred_municipalities.set(["2580"])
    client.force_login(coordinator)
    page = client.get(reverse("matching:referral_suggestions", args=[waiting.pk])).text
    assert "inte i någon kommun deltagaren önskar" in page


def test_a_participant_without_municipality_is_matched_without_distance_and_noticed(
    client, coordinator, waiting, opening
):
    waiting.participant.municipality = None
    waiting.participant.save()
    data = MatchingData(coordinator, MatchingWeights.current().as_engine_weights())
    assert data.matcher.participants_without_location == (waiting.pk,)
    client.force_login(coordinator)
    response = client.get(reverse("matching:referral_suggestions", args=[waiting.pk]))
    assert response.status_code == 200
    assert "Varken adress eller kommun är känd" in response.content.decode()
    assert "Caféet" in response.content.decode()


# ---------------------------------------------------------------- weights


def test_the_coordinator_changes_the_weights(client, coordinator):
    client.force_login(coordinator)
    data = {"interest": "1", "travel": "0", "supervisor": "0", "preference": "0", "fairness": "0"}
    response = client.post(reverse("matching:weights"), data)
    assert response.status_code == 302
    weights = MatchingWeights.current().as_engine_weights()
    assert (weights.interest, weights.travel) == (1.0, 0.0)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["0", "0", "0", "0", "0"], "Minst en vikt måste vara större än noll"),
        (["-1", "1", "1", "1", "1"], "större än eller lika med 0"),
        (["abc", "1", "1", "1", "1"], "Fyll i ett tal"),
    ],
)
def test_weights_that_make_no_sense_are_refused_and_nothing_changes(
    client, coordinator, values, message
):
    client.force_login(coordinator)
    before = MatchingWeights.current().as_engine_weights()
    data = dict(
        zip(["interest", "travel", "supervisor", "preference", "fairness"], values, strict=True)
    )
    response = client.post(reverse("matching:weights"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert MatchingWeights.current().as_engine_weights() == before


# ---------------------------------------------------------------- suggestions


def test_suggestions_for_a_referral_are_ranked_and_explained(client, coordinator, waiting, opening):
    far = OpeningFactory(title="Verkstaden", municipality_id="2584", public_transport=True)
    client.force_login(coordinator)
    response = client.get(reverse("matching:referral_suggestions", args=[waiting.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    # Piteå is nearer to Luleå than Kiruna, so the café ranks first.
    assert page.index("Caféet") < page.index(far.title)
    assert "Timmar per vecka passar" in page
    assert "Alla anpassningar som behövs finns" in page
    assert "Kortare resväg" in page and "med vikten" in page
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, object_id=str(waiting.pk), reason="matching suggestions"
    ).exists()


def test_explanations_are_in_english_for_an_english_user(client, coordinator, waiting, opening):
    client.force_login(coordinator)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(reverse("matching:referral_suggestions", args=[waiting.pk]))
    page = response.content.decode()
    assert "Hours per week fit" in page
    assert "Shorter travel" in page


def test_a_place_without_the_needed_adaptation_is_not_suggested(
    client, coordinator, waiting, opening
):
    Opening.objects.filter(pk=opening.pk).update(adaptations=[])
    client.force_login(coordinator)
    response = client.get(reverse("matching:referral_suggestions", args=[waiting.pk]))
    assert "Ingen öppen plats uppfyller alla regler" in response.content.decode()


def test_suggestions_for_a_place_list_waiting_participants_and_are_audited(
    client, coordinator, waiting, opening
):
    client.force_login(coordinator)
    response = client.get(reverse("matching:opening_suggestions", args=[opening.pk]))
    assert waiting.participant.code in response.content.decode()
    assert AuditEvent.objects.filter(
        object_id=str(waiting.pk), reason="matching suggestion for a place"
    ).exists()


def test_one_click_turns_a_suggestion_into_a_proposal(client, coordinator, waiting, opening):
    client.force_login(coordinator)
    response = client.post(
        reverse("matching:propose"), {"referral": waiting.pk, "opening": opening.pk}
    )
    placement = Placement.objects.get()
    assert response.status_code == 302 and response.url == placement.get_absolute_url()
    assert (placement.referral, placement.opening, placement.status) == (
        waiting,
        opening,
        Placement.Status.PROPOSED,
    )
    assert AuditEvent.objects.filter(reason="placement proposed").exists()


SENT = "Förslaget skickades till företaget."
NOBODY_SIGNS_IN = "ingen på företaget loggar in i Lotsen"


def test_a_proposal_to_an_enterprise_with_a_user_is_said_to_be_sent(
    client, coordinator, enterprise_user, waiting
):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user), public_transport=True)
    client.force_login(coordinator)
    response = client.post(
        reverse("matching:propose"), {"referral": waiting.pk, "opening": opening.pk}, follow=True
    )
    page = response.content.decode()
    assert SENT in page and NOBODY_SIGNS_IN not in page


def test_a_proposal_to_an_enterprise_nobody_signs_in_to_says_how_to_reach_it(
    client, coordinator, waiting, opening
):
    client.force_login(coordinator)
    response = client.post(
        reverse("matching:propose"), {"referral": waiting.pk, "opening": opening.pk}, follow=True
    )
    page = response.content.decode()
    assert NOBODY_SIGNS_IN in page and SENT not in page
    assert Placement.objects.get().status == Placement.Status.PROPOSED


def test_a_suggestion_for_a_full_place_is_refused_with_a_message(
    client, coordinator, caseworker, waiting, opening
):
    other = to_matching(register(caseworker).referrals.get(), coordinator)
    placement = placement_services.placement_propose(
        actor=coordinator, referral=other, opening=opening
    )
    placement_services.placement_accept(actor=coordinator, placement=placement)
    client.force_login(coordinator)
    response = client.post(
        reverse("matching:propose"), {"referral": waiting.pk, "opening": opening.pk}, follow=True
    )
    assert "är full" in response.content.decode()
    assert not Placement.objects.filter(referral=waiting).exists()


def test_a_malformed_proposal_changes_nothing(client, coordinator, waiting, opening):
    client.force_login(coordinator)
    response = client.post(reverse("matching:propose"), {"referral": "x", "opening": opening.pk})
    assert response.status_code == 302
    assert not Placement.objects.exists()


# ---------------------------------------------------------------- batch


@pytest.fixture
def two_waiting(coordinator, caseworker, waiting, opening):
    second = to_matching(register(caseworker).referrals.get(), coordinator)
    other_place = OpeningFactory(title="Tvätteriet", public_transport=True, capacity=1)
    return [waiting, second], [opening, other_place]


def test_the_batch_shows_the_optimal_list_and_the_greedy_figure(client, coordinator, two_waiting):
    referrals, _openings = two_waiting
    client.force_login(coordinator)
    response = client.get(reverse("matching:batch"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('name="pair"') == 2
    assert "Om bästa paret togs först i stället" in page
    for referral in referrals:
        assert referral.participant.code in page


def test_the_coordinator_confirms_some_of_the_batch(client, coordinator, two_waiting):
    referrals, openings = two_waiting
    client.force_login(coordinator)
    pair = f"{referrals[0].pk}-{openings[1].pk}"
    response = client.post(reverse("matching:batch"), {"pair": [pair]})
    assert response.status_code == 200
    placement = Placement.objects.get()
    assert (placement.referral, placement.opening) == (referrals[0], openings[1])
    assert "1 förslag skickat." in response.content.decode()


def test_the_coordinator_confirms_all_and_a_filled_place_is_refused_per_row(
    client, coordinator, caseworker, two_waiting
):
    referrals, openings = two_waiting
    meanwhile = to_matching(register(caseworker).referrals.get(), coordinator)
    taken = placement_services.placement_propose(
        actor=coordinator, referral=meanwhile, opening=openings[0]
    )
    placement_services.placement_accept(actor=coordinator, placement=taken)
    client.force_login(coordinator)
    pairs = [f"{referrals[0].pk}-{openings[0].pk}", f"{referrals[1].pk}-{openings[1].pk}"]
    response = client.post(reverse("matching:batch"), {"pair": pairs})
    page = response.content.decode()
    assert "Avvisad:" in page and "är full" in page
    assert "1 förslag skickat." in page
    assert Placement.objects.filter(referral=referrals[1], opening=openings[1]).exists()
    assert not Placement.objects.filter(referral=referrals[0]).exists()
    assert Referral.objects.get(pk=referrals[0].pk).status == Referral.Status.MATCHING


def test_the_batch_result_names_each_enterprise_nobody_signs_in_to(
    client, coordinator, enterprise_user, two_waiting
):
    referrals, openings = two_waiting
    answering = OpeningFactory(enterprise=enterprise_of(enterprise_user), public_transport=True)
    client.force_login(coordinator)
    pairs = [f"{referrals[0].pk}-{openings[0].pk}", f"{referrals[1].pk}-{answering.pk}"]
    response = client.post(reverse("matching:batch"), {"pair": pairs})
    rows = response.content.decode().split("<tr>")[2:]
    assert NOBODY_SIGNS_IN in rows[0]
    assert NOBODY_SIGNS_IN not in rows[1]
    assert Placement.objects.count() == 2


@pytest.mark.parametrize("pairs", [["1-x"], ["12"], []])
def test_a_malformed_or_empty_batch_changes_nothing(client, coordinator, two_waiting, pairs):
    client.force_login(coordinator)
    response = client.post(reverse("matching:batch"), {"pair": pairs}, follow=True)
    assert response.status_code == 200
    assert not Placement.objects.exists()


# ---------------------------------------------------------------- empty states


@pytest.mark.parametrize("name", ["matching:index", "matching:batch", "matching:weights"])
def test_pages_without_waiting_participants_or_places_show_an_empty_state(
    client, coordinator, name
):
    client.force_login(coordinator)
    response = client.get(reverse(name))
    assert response.status_code == 200


def test_empty_states_name_what_is_missing(client, coordinator, waiting):
    client.force_login(coordinator)
    page = client.get(reverse("matching:batch")).content.decode()
    assert "Ingen arbetsträningsplats är öppen" in page
    page = client.get(reverse("matching:referral_suggestions", args=[waiting.pk])).content
    assert "Ingen arbetsträningsplats är öppen" in page.decode()
    page = client.get(reverse("matching:index")).content.decode()
    assert "Ingen arbetsträningsplats är öppen" in page


@pytest.mark.parametrize("pages", ["", "?referrals=2&openings=3"])
def test_the_index_lists_without_growing_queries(
    client, coordinator, caseworker, assert_constant_queries, monkeypatch, pages
):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    client.force_login(coordinator)

    def add(count: int) -> None:
        _add_waiting(coordinator, caseworker, count)
        _add_openings(count)

    assert_constant_queries(reverse("matching:index") + pages, add, more=8)


@pytest.fixture
def more_than_a_page(coordinator, caseworker, monkeypatch):
    """Seven participants waiting and seven open places, three to a page."""
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    _add_waiting(coordinator, caseworker, 7)
    _add_openings(7)


def test_the_index_pages_each_list_on_its_own_parameter(client, coordinator, more_than_a_page):
    client.force_login(coordinator)
    response = client.get(reverse("matching:index"), {"referrals": "2", "openings": "3"})
    waiting, places = response.context["referral_page"], response.context["opening_page"]
    assert (waiting.number, len(waiting), places.number, len(places)) == (2, 3, 3, 1)
    page = response.content.decode()
    assert "7 deltagare väntar" in page and "7 öppna platser" in page
    # Turning one list keeps the other on its page and returns to the list's heading.
    assert 'href="?referrals=3&amp;openings=3#waiting" rel="next"' in page
    assert 'href="?referrals=1&amp;openings=3#waiting" rel="prev"' in page
    assert 'href="?referrals=2&amp;openings=2#open-places" rel="prev"' in page
    assert 'aria-label="Sidor med väntande deltagare"' in page
    assert 'aria-label="Sidor med öppna platser"' in page
    assert 'id="waiting"' in page and 'id="open-places"' in page


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ({"referrals": "tre", "openings": ""}, (1, 1)),
        ({"referrals": "99", "openings": "-1"}, (3, 3)),
        ({"referrals": "2.5", "openings": "0"}, (1, 3)),
    ],
)
def test_a_page_number_out_of_range_or_malformed_shows_the_first_or_last_page(
    client, coordinator, more_than_a_page, query, numbers
):
    client.force_login(coordinator)
    response = client.get(reverse("matching:index"), query)
    assert response.status_code == 200
    pages = (response.context["referral_page"].number, response.context["opening_page"].number)
    assert pages == numbers


def test_the_batch_and_suggestions_do_not_grow_queries(
    client, coordinator, caseworker, waiting, assert_constant_queries
):
    client.force_login(coordinator)
    for url in (
        reverse("matching:batch"),
        reverse("matching:referral_suggestions", args=[waiting.pk]),
    ):

        def add(count: int) -> None:
            _add_waiting(coordinator, caseworker, count)
            _add_openings(count)

        assert_constant_queries(url, add, more=6)


# ---------------------------------------------------------------- access


def _urls(referral, opening) -> list[tuple[str, str, dict]]:
    return [
        ("get", reverse("matching:index"), {}),
        ("get", reverse("matching:referral_suggestions", args=[referral.pk]), {}),
        ("get", reverse("matching:opening_suggestions", args=[opening.pk]), {}),
        ("post", reverse("matching:propose"), {"referral": referral.pk, "opening": opening.pk}),
        ("get", reverse("matching:batch"), {}),
        ("post", reverse("matching:batch"), {"pair": [f"{referral.pk}-{opening.pk}"]}),
        ("get", reverse("matching:weights"), {}),
        ("post", reverse("matching:weights"), {"interest": "9", "travel": "0"}),
    ]


@pytest.mark.parametrize(
    "role",
    [Role.CASEWORKER, Role.ENTERPRISE, Role.PROVIDER, Role.STEERING, Role.ADMIN, "outsider"],
)
def test_only_the_coordinator_may_use_matching(client, all_personas, waiting, opening, role):
    client.force_login(all_personas[role])
    for method, url, data in _urls(waiting, opening):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (role, method, url)
    assert not Placement.objects.exists()
    assert MatchingWeights.current().as_engine_weights().interest == 0.35


def test_an_anonymous_visitor_is_sent_to_log_in(client, waiting, opening):
    for method, url, data in _urls(waiting, opening):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and "/konto/" in response.url, url
    assert not Placement.objects.exists()


def test_the_coordinator_reaches_every_page(client, coordinator, waiting, opening):
    client.force_login(coordinator)
    for method, url, data in _urls(waiting, opening):
        response = getattr(client, method)(url, data)
        assert response.status_code in (200, 302), (method, url)


def test_unknown_referral_or_place_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("matching:referral_suggestions", args=[999])).status_code == 404
    assert client.get(reverse("matching:opening_suggestions", args=[999])).status_code == 404


def test_the_navigation_shows_matching_to_the_coordinator_only(client, coordinator, caseworker):
    client.force_login(coordinator)
    assert reverse("matching:index") in client.get(reverse("matching:weights")).content.decode()
    client.force_login(caseworker)
    home = client.get("/").content.decode()
    assert reverse("matching:index") not in home
