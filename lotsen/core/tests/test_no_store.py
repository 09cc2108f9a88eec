"""Pages with personal data stay out of browser and proxy caches (DESIGN §3)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from lotsen.core.middleware import NoStoreMiddleware
from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.placements.tests.factories import register
from lotsen.support.tasks import requester_token
from lotsen.support.tests.factories import SupportRequestFactory
from lotsen.surveys import services as survey_services
from lotsen.surveys.tests.factories import invite, open_survey

NO_STORE = "no-store, private"


def _named_response_url() -> str:
    survey = open_survey(required=False)
    response = survey_services.response_for_invitation(invite(survey))
    survey_services.response_save(response=response, values={}, submit=True)
    return f"/enkater/{survey.pk}/svar/{response.pk}/"


@pytest.mark.parametrize(
    "page",
    ["participant", "audit", "password", "support_request", "attendees", "survey_response"],
)
def test_a_signed_in_users_pages_are_not_stored(client, coordinator, caseworker, page):
    urls = {
        "participant": lambda: register(caseworker).get_absolute_url(),
        "audit": lambda: "/granskning/",
        "password": lambda: "/konto/password/change/",
        "support_request": lambda: f"/stod/arenden/{SupportRequestFactory().pk}/",
        "attendees": lambda: f"/evenemang/{EventFactory().slug}/deltagare/",
        "survey_response": _named_response_url,
    }
    url = urls[page]()
    client.force_login(coordinator)

    response = client.get(url)

    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_a_refused_page_is_not_stored_either(client, enterprise_user, caseworker):
    participant = register(caseworker)
    client.force_login(enterprise_user)

    response = client.get(participant.get_absolute_url())

    assert response.status_code in (403, 404)
    assert response["Cache-Control"] == NO_STORE


@pytest.mark.parametrize("page", ["support_requester", "survey_answer", "event_cancel"])
def test_pages_reached_by_a_signed_link_are_not_stored(client, db, page):
    urls = {
        "support_requester": lambda: (
            f"/kontakt/arende/{requester_token(SupportRequestFactory().pk)}/"
        ),
        "survey_answer": lambda: f"/enkater/svara/{invite(open_survey()).token}/",
        "event_cancel": lambda: RegistrationFactory().cancel_url(),
    }

    response = client.get(urls[page]())

    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_static_files_keep_their_caching(client, db, settings):
    settings.WHITENOISE_USE_FINDERS = True

    response = client.get("/static/impact/impact.css")

    assert response.status_code == 200
    assert "no-store" not in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def _view_with_public_caching(request):
    response = HttpResponse("Öppen statistik")
    response["Cache-Control"] = "public, max-age=300"
    return response


def test_a_public_view_may_choose_its_caching_for_visitors_only(rf: RequestFactory, coordinator):
    middleware = NoStoreMiddleware(_view_with_public_caching)
    visitor = rf.get("/statistik/")
    visitor.user = AnonymousUser()
    member = rf.get("/statistik/")
    member.user = coordinator

    assert middleware(visitor)["Cache-Control"] == "public, max-age=300"
    assert middleware(member)["Cache-Control"] == NO_STORE
