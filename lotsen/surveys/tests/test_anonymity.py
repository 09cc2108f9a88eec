"""An anonymous survey keeps no way from a submitted answer back to its link."""

import pytest
from django.apps import apps

from lotsen.organisations.models import Organisation
from lotsen.surveys import services
from lotsen.surveys.models import Answer, Invitation, Response

from .factories import invite, open_survey


@pytest.fixture
def anonymous(db):
    return open_survey(anonymous=True, required=False)


def _submit(client, invitation, survey, text):
    name = survey.questions.get(key="name")
    return client.post(f"/enkater/svara/{invitation.token}/", {f"q{name.pk}": text, "submit": "1"})


def test_a_submitted_anonymous_response_keeps_no_link_to_its_invitation(client, anonymous):
    invitation = invite(anonymous)
    _submit(client, invitation, anonymous, "hemligt")
    response = Response.objects.get(survey=anonymous)
    assert response.status == Response.Status.SUBMITTED
    assert response.invitation_id is None
    assert response.organisation_id is None
    invitation.refresh_from_db()
    assert invitation.answered
    assert not Response.objects.filter(invitation=invitation).exists()


def test_nothing_in_the_database_leads_from_the_answer_to_the_recipient(client, anonymous):
    """Walk every stored field of the response and its answers: none names the invitation."""
    invitations = [invite(anonymous) for _ in range(3)]
    _submit(client, invitations[1], anonymous, "hemligt")
    response = Response.objects.get(survey=anonymous)
    keys = {text for invitation in invitations for text in (invitation.key, invitation.token)}
    rows = [response, *Answer.objects.filter(response=response)]
    for row in rows:
        for field in row._meta.concrete_fields:
            value = field.value_from_object(row)
            if field.is_relation and field.related_model in (Invitation, Organisation):
                assert value is None, field.name
            elif isinstance(value, str):
                assert not any(key in value for key in keys), field.name
    # Only the day of submission is kept, never a time to match against the invitation.
    assert not any(
        field.get_internal_type() == "DateTimeField" for field in Response._meta.concrete_fields
    )
    # No model in the project points at both an invitation and a response.
    for model in apps.get_models():
        targets = {
            field.related_model for field in model._meta.concrete_fields if field.is_relation
        }
        assert not ({Invitation, Response} <= targets), model


def test_a_started_anonymous_response_is_continued_through_its_link_until_submitted(
    client, anonymous
):
    invitation = invite(anonymous)
    name = anonymous.questions.get(key="name")
    client.post(f"/enkater/svara/{invitation.token}/", {f"q{name.pk}": "utkast", "save": "1"})
    assert Response.objects.get(survey=anonymous).invitation == invitation


def test_a_named_survey_keeps_who_answered(client, db):
    named = open_survey(anonymous=False, required=False)
    invitation = invite(named)
    _submit(client, invitation, named, "öppet")
    response = Response.objects.get(survey=named)
    assert response.invitation == invitation
    assert response.organisation == invitation.organisation
    assert response.municipality_id == invitation.organisation.municipality_id


def test_the_service_detaches_the_link_also_without_the_form(anonymous):
    invitation = invite(anonymous)
    response = services.response_save(
        response=services.response_for_invitation(invitation), values={}, submit=True
    )
    assert response.invitation_id is None
