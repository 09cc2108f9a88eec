"""Participants who sign in to their own page, made the way a first sign-in makes them."""

from lotsen.federation.oidc import PERSONAL_IDENTITY_NUMBER, Claims, ParticipantLogin
from lotsen.federation.tests.identity_providers import LOA3
from lotsen.placements.tests.factories import identity_number, register

from ..services import participant_sign_in_link


def claims_of(number: str) -> dict:
    """The broker's claims of a person with this personnummer: twelve digits, as oidc.se."""
    digits = number.replace("-", "")
    century = "19" if len(digits) == 10 else ""
    return {"sub": f"subject-{digits}", PERSONAL_IDENTITY_NUMBER: century + digits}


def signed_in_participant(caseworker, **registration):
    """A participant of the caseworker's party and the user of their own page."""
    number = registration.pop("number", None) or identity_number()
    participant = register(caseworker, number=number, **registration)
    return participant, account_for(number)


def account_for(number: str):
    """The user of the registered participant with this personnummer, as signing in makes it."""
    login = ParticipantLogin(
        claims=Claims(id_token=claims_of(number), userinfo={}),
        link_claim=PERSONAL_IDENTITY_NUMBER,
        level=LOA3,
        accepted_levels=[LOA3],
        earlier_user=None,
    )
    return participant_sign_in_link(login)
