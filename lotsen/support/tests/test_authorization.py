"""Every page of the support function, for every role, the outsider and an anonymous visitor."""

import pytest
from django.core.files.base import ContentFile

from lotsen.support.models import MentorMatch, Message

from .factories import MentorFactory, OfferFactory, SupportRequestFactory, account_with

ROLES = ["coordinator", "caseworker", "enterprise", "provider", "steering", "admin", "outsider"]
OK, DENIED, HIDDEN, LOGIN = 200, 403, 404, 302


@pytest.fixture
def world(db, all_personas, assigned_request, enterprise, provider_organisation, offer):
    new_request = SupportRequestFactory(
        requester=all_personas["enterprise"],
        requester_organisation=enterprise,
        channel="signed_in",
    )
    account = account_with(enterprise, offer, "8")
    mentor = MentorFactory(organisation=provider_organisation)
    match = MentorMatch.objects.create(mentor=mentor, request=assigned_request)
    message = Message(request=assigned_request, body="Se bilagan.")
    message.attachment_name = "plan.pdf"
    message.attachment.save("plan.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    r = assigned_request.pk
    return {
        "/kontakt/": dict.fromkeys([*ROLES, "anonymous"], OK),
        "/stod/erbjudanden/": dict.fromkeys([*ROLES, "anonymous"], OK),
        f"/stod/erbjudanden/{offer.pk}/": dict.fromkeys([*ROLES, "anonymous"], OK),
        "/stod/erbjudanden/nytt/": {
            **dict.fromkeys(ROLES, DENIED),
            "coordinator": OK,
            "provider": OK,
            "anonymous": LOGIN,
        },
        f"/stod/erbjudanden/{offer.pk}/andra/": {
            **dict.fromkeys(ROLES, DENIED),
            "coordinator": OK,
            "provider": OK,
            "anonymous": LOGIN,
        },
        "/stod/erbjudanden/luckor/": {
            **dict.fromkeys(ROLES, DENIED),
            "coordinator": OK,
            "anonymous": LOGIN,
        },
        "/stod/arenden/": {
            **dict.fromkeys(ROLES, OK),
            "outsider": DENIED,
            "anonymous": LOGIN,
        },
        f"/stod/arenden/{r}/": {
            **dict.fromkeys(ROLES, HIDDEN),
            "coordinator": OK,
            "enterprise": OK,
            "provider": OK,
            "anonymous": LOGIN,
        },
        f"/stod/arenden/{new_request.pk}/triagera/": {
            **dict.fromkeys(ROLES, HIDDEN),
            "coordinator": OK,
            "enterprise": DENIED,
            "anonymous": LOGIN,
        },
        f"/stod/arenden/{r}/mentor/": {
            **dict.fromkeys(ROLES, HIDDEN),
            "coordinator": OK,
            "enterprise": DENIED,
            "provider": DENIED,
            "anonymous": LOGIN,
        },
        f"/stod/arenden/{r}/bilagor/{message.pk}/": {
            **dict.fromkeys(ROLES, HIDDEN),
            "coordinator": OK,
            "enterprise": OK,
            "provider": OK,
            "anonymous": LOGIN,
        },
        "/stod/timbank/": {
            **dict.fromkeys(ROLES, DENIED),
            "coordinator": OK,
            "enterprise": OK,
            "provider": OK,
            "anonymous": LOGIN,
        },
        f"/stod/timbank/{account.pk}/": {
            **dict.fromkeys(ROLES, HIDDEN),
            "coordinator": OK,
            "enterprise": OK,
            "provider": OK,
            "anonymous": LOGIN,
        },
        "/stod/timbank/tilldela/": {
            **dict.fromkeys(ROLES, DENIED),
            "coordinator": OK,
            "anonymous": LOGIN,
        },
        "/stod/mentorer/": {
            **dict.fromkeys(ROLES, DENIED),
            "coordinator": OK,
            "provider": OK,
            "anonymous": LOGIN,
        },
        "/stod/mentorer/ny/": {
            **dict.fromkeys(ROLES, DENIED),
            "coordinator": OK,
            "anonymous": LOGIN,
        },
        f"/stod/mentorer/{mentor.pk}/andra/": {
            **dict.fromkeys(ROLES, DENIED),
            "coordinator": OK,
            "anonymous": LOGIN,
        },
        f"/stod/matchningar/{match.pk}/": {
            **dict.fromkeys(ROLES, HIDDEN),
            "coordinator": OK,
            "enterprise": OK,
            "provider": OK,
            "anonymous": LOGIN,
        },
    }


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_each_role_gets_exactly_the_pages_it_may(client, all_personas, world, role):
    if role != "anonymous":
        client.force_login(all_personas[role])
    answers = {url: client.get(url).status_code for url in world}
    expected = {url: by_role[role] for url, by_role in world.items()}
    assert answers == expected


POSTS = ["meddelande", "status", "avsluta", "timmar"]


@pytest.mark.parametrize("action", POSTS)
@pytest.mark.parametrize("role", ["caseworker", "steering", "admin", "outsider"])
def test_no_one_outside_the_request_can_act_on_it(
    client, all_personas, assigned_request, role, action
):
    client.force_login(all_personas[role])
    response = client.post(
        f"/stod/arenden/{assigned_request.pk}/{action}/",
        {"body": "x", "status": "resolved", "rating": "5", "hours": "1"},
    )
    assert response.status_code == 404
    assigned_request.refresh_from_db()
    assert assigned_request.status == "triaged"
    assert not assigned_request.messages.exists()


def test_a_provider_cannot_open_another_providers_request(
    client, provider, other_providers_request
):
    client.force_login(provider)
    assert client.get(f"/stod/arenden/{other_providers_request.pk}/").status_code == 404
    response = client.post(f"/stod/arenden/{other_providers_request.pk}/timmar/", {"hours": "1"})
    assert response.status_code == 404


def test_the_enterprise_cannot_log_hours_or_resolve(client, enterprise_user, assigned_request):
    client.force_login(enterprise_user)
    url = f"/stod/arenden/{assigned_request.pk}"
    assert client.post(f"{url}/timmar/", {"hours": "1"}).status_code == 403
    assert client.post(f"{url}/status/", {"status": "resolved"}).status_code == 403
    assigned_request.refresh_from_db()
    assert assigned_request.status == "triaged"


def test_an_unpublished_offer_is_seen_only_by_its_provider_and_the_coordinator(
    client, all_personas, provider_organisation
):
    draft = OfferFactory(provider=provider_organisation, is_published=False, title="Utkastet")
    for role, status in [("provider", 200), ("coordinator", 200), ("enterprise", 404)]:
        client.force_login(all_personas[role])
        assert client.get(f"/stod/erbjudanden/{draft.pk}/").status_code == status
    client.logout()
    assert client.get(f"/stod/erbjudanden/{draft.pk}/").status_code == 404
    assert "Utkastet" not in client.get("/stod/erbjudanden/").text
