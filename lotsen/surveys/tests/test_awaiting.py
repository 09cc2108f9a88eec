"""A member of an invited organisation finds the rounds that await its answer.

On /enkater/ and in the inbox, with the same link as in the e-mail; the
coordinator's list of every round stays as it was.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.organisations.models import Organisation
from lotsen.surveys.models import Survey

from .factories import answer, invite, open_survey

AWAITING = "Enkäter som väntar på er organisations svar"


def _organisation_of(user) -> Organisation:
    return user.memberships.first().organisation


def _awaiting(user, title: str = "Behov hos oss") -> str:
    """An open round the user's organisation is invited to; returns its answer link."""
    survey = open_survey(required=False, title=title)
    return invite(survey, _organisation_of(user)).get_answer_path()


def test_an_enterprise_user_finds_the_open_round_awaiting_their_enterprise(client, enterprise_user):
    link = _awaiting(enterprise_user)
    client.force_login(enterprise_user)
    response = client.get("/enkater/")
    assert response.status_code == 200
    assert AWAITING in response.text
    assert f'href="{link}"' in response.text
    assert "Svara på ”Behov hos oss”" in response.text
    assert client.get(link).status_code == 200


def test_rounds_that_do_not_await_the_organisation_are_not_listed(client, enterprise_user):
    organisation = _organisation_of(enterprise_user)
    answered = open_survey(required=False, title="Redan besvarad")
    answer(answered, {"name": "x"}, organisation)
    closed = open_survey(required=False, title="Stängd runda")
    invite(closed, organisation)
    closed.move_to(Survey.Status.CLOSED)
    draft = open_survey(required=False, title="Utkast")
    invite(draft, organisation)
    Survey.objects.filter(pk=draft.pk).update(status=Survey.Status.DRAFT)
    later = open_survey(required=False, title="Öppnar senare")
    invite(later, organisation)
    Survey.objects.filter(pk=later.pk).update(opens_at=timezone.now() + timedelta(days=2))
    invite(open_survey(required=False, title="Annat företags runda"))
    client.force_login(enterprise_user)
    text = client.get("/enkater/").text
    assert "Just nu väntar ingen enkät på er organisations svar." in text
    for title in ("Redan besvarad", "Stängd runda", "Utkast", "Öppnar senare", "Annat företag"):
        assert title not in text


def test_the_inbox_shows_the_round_with_its_link(client, enterprise_user):
    link = _awaiting(enterprise_user, "Kartläggning i år")
    client.force_login(enterprise_user)
    text = client.get("/oversikt/").text
    assert AWAITING in text
    assert "Kartläggning i år" in text
    assert f'href="{link}"' in text
    assert f"För {_organisation_of(enterprise_user).name}; svara senast" in text


def test_answering_takes_the_round_off_the_list_and_the_inbox(client, enterprise_user):
    survey = open_survey(required=False, title="Behov hos oss")
    answer(survey, {"name": "x"}, _organisation_of(enterprise_user))
    client.force_login(enterprise_user)
    assert "Behov hos oss" not in client.get("/enkater/").text
    assert AWAITING not in client.get("/oversikt/").text


def test_a_caseworker_finds_a_round_asked_of_their_party(client, caseworker):
    link = _awaiting(caseworker, "Parternas enkät")
    client.force_login(caseworker)
    assert f'href="{link}"' in client.get("/enkater/").text
    assert f'href="{link}"' in client.get("/oversikt/").text


def test_the_coordinator_keeps_the_list_of_every_round(client, coordinator, enterprise_user):
    survey = open_survey(required=False, title="Någon annans runda")
    invite(survey, _organisation_of(enterprise_user))
    client.force_login(coordinator)
    text = client.get("/enkater/").text
    assert survey.get_absolute_url() in text
    assert "Ny enkät" in text
    # Nothing awaits the coordinator's own party, so no such section.
    assert AWAITING not in text


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("steering", 200),
        ("provider", 200),
        ("caseworker", 200),
        ("enterprise_user", 200),
        ("admin_user", 200),
        ("outsider", 403),
    ],
)
def test_every_role_with_an_organisation_reaches_the_list(client, request, persona, status):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get("/enkater/").status_code == status
    assert AWAITING not in client.get("/oversikt/").text


def test_an_outsider_never_gets_another_organisations_link(client, outsider, enterprise_user):
    link = _awaiting(enterprise_user)
    client.force_login(outsider)
    assert client.get("/enkater/").status_code == 403
    assert link not in client.get("/oversikt/").text


def test_a_visitor_is_sent_to_log_in(client, db):
    response = client.get("/enkater/")
    assert response.status_code == 302
    assert "/konto/login/" in response.url


def test_the_list_needs_the_same_queries_for_more_awaiting_rounds(
    client, enterprise_user, assert_constant_queries
):
    client.force_login(enterprise_user)
    assert_constant_queries("/enkater/", lambda n: [_awaiting(enterprise_user) for _ in range(n)])


def test_the_inbox_needs_the_same_queries_for_more_awaiting_rounds(
    client, enterprise_user, assert_constant_queries
):
    client.force_login(enterprise_user)
    assert_constant_queries(
        "/oversikt/", lambda n: [_awaiting(enterprise_user) for _ in range(n)], more=12
    )


def test_a_member_with_two_roles_sees_each_round_once(client, enterprise_user):
    organisation = _organisation_of(enterprise_user)
    enterprise_user.memberships.create(organisation=organisation, role=Role.PROVIDER)
    _awaiting(enterprise_user, "En gång")
    client.force_login(enterprise_user)
    assert client.get("/enkater/").text.count("Svara på ”En gång”") == 1
