"""Mentors and matching, the catalogue of offers and its gaps, and erasure after two years."""

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from lotsen.audit.models import AuditEvent
from lotsen.support import services
from lotsen.support.models import MentorMatch, Message, SupportError, SupportRequest

from .factories import MentorFactory, OfferFactory, SupportRequestFactory

# Mentors -----------------------------------------------------------------


def test_suggestions_put_area_and_place_first_and_leave_out_full_mentors(db, assigned_request):
    assigned_request.area_id = "mentoring"
    assigned_request.save()
    municipality = assigned_request.requester_organisation.municipality_id
    near_and_fit = MentorFactory(
        full_name="Öberg", areas=["mentoring"], municipalities=[municipality]
    )
    fit = MentorFactory(full_name="Andersson", areas=["mentoring"], municipalities=["2582"])
    other = MentorFactory(full_name="Berg", areas=["board"])
    full = MentorFactory(full_name="Full", areas=["mentoring"], capacity=1)
    MentorMatch.objects.create(mentor=full, request=SupportRequestFactory())
    suggested = list(services.mentors_suggested_for(assigned_request))
    assert suggested == [near_and_fit, fit, other]


def test_the_coordinator_matches_and_the_provider_logs_meetings(
    client, coordinator, provider, provider_organisation, enterprise_user, assigned_request
):
    mentor = MentorFactory(organisation=provider_organisation)
    client.force_login(coordinator)
    response = client.post(f"/stod/arenden/{assigned_request.pk}/mentor/", {"mentor": mentor.pk})
    match = MentorMatch.objects.get()
    assert response["Location"] == match.get_absolute_url()
    client.force_login(provider)
    url = match.get_absolute_url()
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(url, {"action": "meeting", "held_on": tomorrow, "hours": "1"})
    assert "Ett möte kan inte loggas innan det har ägt rum." in response.text
    response = client.post(url, {"action": "meeting", "held_on": "2026-11-02", "hours": "-1"})
    assert not match.meetings.exists()
    client.post(url, {"action": "meeting", "held_on": "2026-11-02", "hours": "1.5"})
    assert match.meetings.get().hours == Decimal("1.5")
    assert client.post(url, {"action": "rate", "rating": "5"}).status_code == 403
    client.force_login(enterprise_user)
    client.post(url, {"action": "rate", "rating": "4", "comment": "Bra mentor"})
    match.refresh_from_db()
    assert match.rating == 4
    assert match.ended_at is not None


def test_a_full_mentor_cannot_be_matched(db, coordinator, assigned_request):
    mentor = MentorFactory(capacity=1)
    MentorMatch.objects.create(mentor=mentor, request=SupportRequestFactory())
    with pytest.raises(SupportError) as raised:
        services.mentor_match_create(
            support_request=assigned_request, mentor=mentor, actor=coordinator
        )
    assert raised.value.code == "full"


def test_a_provider_sees_only_its_own_mentors(
    client, provider, provider_organisation, assert_constant_queries
):
    MentorFactory(full_name="Egen Mentor", organisation=provider_organisation)
    MentorFactory(full_name="Annans Mentor")
    client.force_login(provider)
    page = client.get("/stod/mentorer/").text
    assert "Egen Mentor" in page
    assert "Annans Mentor" not in page


def test_the_mentor_list_needs_the_same_queries_for_more_mentors(
    client, coordinator, assert_constant_queries
):
    client.force_login(coordinator)

    def add(n):
        for _ in range(n):
            mentor = MentorFactory(areas=["mentoring", "board"], municipalities=["2580"])
            MentorMatch.objects.create(mentor=mentor, request=SupportRequestFactory())

    assert_constant_queries("/stod/mentorer/", add)


def test_the_coordinator_adds_a_mentor_and_bad_input_is_refused(client, coordinator):
    client.force_login(coordinator)
    data = {
        "full_name": "Maja Mentor",
        "email": "inte-en-adress",
        "areas": ["mentoring"],
        "municipalities": ["2580"],
        "capacity": "2",
        "is_active": "on",
    }
    response = client.post("/stod/mentorer/ny/", data)
    assert "giltig e-postadress" in response.text
    client.post("/stod/mentorer/ny/", {**data, "email": "maja@example.test"})
    assert client.get("/stod/mentorer/").text.count("Maja Mentor") == 1


# Catalogue ---------------------------------------------------------------


def test_the_catalogue_filters_on_area_format_cost_and_audience(client, db):
    OfferFactory(title="Anbudsstödet", area_id="procurement", cost="free", audience="enterprises")
    OfferFactory(
        title="Styrelsekursen", area_id="board", format="course", cost="price", price="500 kr"
    )
    OfferFactory(title="Nätverket", area_id="actor-networks", format="network", audience="both")
    assert "Styrelsekursen" not in client.get("/stod/erbjudanden/?area=procurement").text
    assert "Styrelsekursen" in client.get("/stod/erbjudanden/?format=course").text
    assert "Anbudsstödet" not in client.get("/stod/erbjudanden/?cost=price").text
    public_sector = client.get("/stod/erbjudanden/?audience=public_sector").text
    assert "Nätverket" in public_sector
    assert "Anbudsstödet" not in public_sector
    assert client.get("/stod/erbjudanden/?area=finns-inte").status_code == 200


def test_the_catalogue_needs_the_same_queries_for_more_offers(client, db, assert_constant_queries):
    assert_constant_queries("/stod/erbjudanden/", lambda n: OfferFactory.create_batch(n))


def test_a_provider_publishes_an_offer_only_for_its_own_organisation(
    client, provider, provider_organisation
):
    other = OfferFactory().provider
    client.force_login(provider)
    data = {
        "provider": other.pk,
        "area": "advice",
        "title": "Rådgivning",
        "description": "Om allt.",
        "format": "advice",
        "cost": "price",
        "price": "",
        "audience": "enterprises",
        "is_published": "on",
    }
    response = client.post("/stod/erbjudanden/nytt/", data)
    assert "Välj en av dina organisationer." in response.text
    response = client.post(
        "/stod/erbjudanden/nytt/", {**data, "provider": provider_organisation.pk}
    )
    assert "Ange priset när erbjudandet kostar pengar." in response.text
    client.post(
        "/stod/erbjudanden/nytt/",
        {**data, "provider": provider_organisation.pk, "price": "900 kr per timme"},
    )
    assert provider_organisation.offers.get().title == "Rådgivning"


def test_a_provider_cannot_edit_another_providers_offer(client, provider):
    offer = OfferFactory(title="Orört")
    client.force_login(provider)
    response = client.post(f"/stod/erbjudanden/{offer.pk}/andra/", {"title": "Ändrat"})
    assert response.status_code == 403
    offer.refresh_from_db()
    assert offer.title == "Orört"


def test_the_gaps_page_shows_areas_without_offers(client, coordinator, assert_constant_queries):
    OfferFactory(area_id="procurement")
    SupportRequestFactory(area_id="board")
    client.force_login(coordinator)
    response = client.get("/stod/erbjudanden/luckor/")
    rows = {
        area.code: (area.published_offers, area.open_requests) for area in response.context["areas"]
    }
    assert rows["procurement"] == (1, 0)
    assert rows["board"] == (0, 1)
    assert "Inget erbjudande" in response.text
    assert_constant_queries(
        "/stod/erbjudanden/luckor/", lambda n: SupportRequestFactory.create_batch(n)
    )


# Retention ---------------------------------------------------------------


def test_contact_data_is_erased_two_years_after_closing(db, coordinator):
    old = SupportRequestFactory(
        status="closed",
        closed_at=timezone.now() - timedelta(days=2 * 365 + 2),
        contact_phone="+46701234567",
        rating=5,
    )
    Message.objects.create(request=old, author=coordinator, body="Ring mig på 070-123 45 67")
    recent = SupportRequestFactory(status="closed", closed_at=timezone.now() - timedelta(days=30))
    still_open = SupportRequestFactory(created_at=timezone.now() - timedelta(days=1000))
    output = StringIO()
    call_command("erase_expired_support_contacts", stdout=output)
    assert "1 support requests" in output.getvalue()
    old.refresh_from_db()
    assert (old.contact_name, old.contact_email, old.contact_phone) == ("", "", "")
    assert old.description == SupportRequest.ERASED_TEXT
    assert old.messages.get().body == SupportRequest.ERASED_TEXT
    assert old.rating == 5  # kept for statistics
    assert old.erased_at is not None
    assert AuditEvent.objects.filter(action="erase", object_id=str(old.pk)).exists()
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.contact_email == "kim@example.test"
    call_command("erase_expired_support_contacts", stdout=StringIO())
    assert AuditEvent.objects.filter(action="erase").count() == 1


def test_the_due_for_erasure_cutoff_handles_a_leap_day(db):
    assert SupportRequest.objects.due_for_erasure(date(2028, 2, 29)).count() == 0


def test_the_dry_run_lists_the_references_due_and_changes_nothing(db):
    old = SupportRequestFactory(
        status="closed",
        closed_at=timezone.now() - timedelta(days=2 * 365 + 2),
        contact_name="Kim Berg",
    )
    recent = SupportRequestFactory(status="closed", closed_at=timezone.now() - timedelta(days=30))
    output = StringIO()

    call_command("erase_expired_support_contacts", "--dry-run", stdout=output)

    assert "would erase the contact data and texts of 1." in output.getvalue()
    assert old.reference in output.getvalue()
    assert recent.reference not in output.getvalue()
    assert "Kim" not in output.getvalue()
    old.refresh_from_db()
    assert (old.contact_name, old.erased_at) == ("Kim Berg", None)
    assert not AuditEvent.objects.filter(action="erase").exists()
