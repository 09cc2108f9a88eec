import time

import factory
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from lotsen.accounts.models import Membership, Role, User
from lotsen.organisations.tests.factories import OrganisationFactory

TEST_PASSWORD = "correct horse battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Faker("name", locale="sv_SE")
    password = factory.django.Password(TEST_PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COORDINATOR


def enrol_authenticator_app(user, secret: str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") -> str:
    """Give `user` an authenticator app (TOTP) under `secret`; returns the secret."""
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str) -> str:
    """The code an authenticator app shows for `secret` now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, user, *, secret: str | None = None):
    """Sign in through the door, password then code; returns the last response."""
    response = client.post("/konto/login/", {"login": user.email, "password": TEST_PASSWORD})
    if secret is not None:
        assert response["Location"].startswith("/konto/2fa/authenticate/")
        response = client.post("/konto/2fa/authenticate/", {"code": current_code(secret)})
    return response
