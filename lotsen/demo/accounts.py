"""One demo user per role, with the logins printed by `make run`.

Each demo user has the demo password and an authenticator app under the demo TOTP
secret, so anyone can sign in to the demo with an authenticator app or
`oathtool --totp -b LOTSENDEMOTOTPSECRETLOTSENDEMO23`.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings

from lotsen.accounts.models import Membership, Role, User
from lotsen.organisations.models import Organisation

DEMO_PASSWORD = "lotsen-demo"
DEMO_TOTP_SECRET = "LOTSENDEMOTOTPSECRETLOTSENDEMO23"

# (e-mail, full name, role, organisation)
DEMO_USERS = [
    (
        "samordnare@lotsen.test",
        "Saga Samordnare",
        Role.COORDINATOR,
        "Samordningsförbundet Södra Norrbotten",
    ),
    ("handlaggare@lotsen.test", "Hampus Handläggare", Role.CASEWORKER, "Arbetsförmedlingen, Luleå"),
    ("foretag@lotsen.test", "Frida Företagare", Role.ENTERPRISE, "Snickeriet i Piteå ek. för."),
    ("stodaktor@lotsen.test", "Stina Stödaktör", Role.PROVIDER, "Coompanion Norrbotten"),
    ("styrgrupp@lotsen.test", "Stefan Styrgrupp", Role.STEERING, "Region Norrbotten"),
    ("inkopare@lotsen.test", "Ingrid Inköpare", Role.BUYER, "Luleå kommun"),
    (
        "admin@lotsen.test",
        "Alva Administratör",
        Role.ADMIN,
        "Samordningsförbundet Södra Norrbotten",
    ),
]


def seed(stdout) -> None:
    for email, full_name, role, organisation_name in DEMO_USERS:
        user, _created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
        # Demo passwords exist only on a developer's machine, never in production.
        if settings.DEBUG:
            user.set_password(DEMO_PASSWORD)
            _enrol_demo_authenticator(user)
        else:
            user.set_unusable_password()
        user.save()
        Membership.objects.get_or_create(
            user=user, organisation=Organisation.objects.get(name=organisation_name), role=role
        )
    stdout.write(
        f"  users: {len(DEMO_USERS)} demo users, one per role, with the demo authenticator app"
    )


def _enrol_demo_authenticator(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
