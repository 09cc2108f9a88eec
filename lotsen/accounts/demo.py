"""One demo user per role, with the logins printed by `make run`."""

from django.conf import settings

from lotsen.organisations.models import Organisation

from .models import Membership, Role, User

DEMO_PASSWORD = "lotsen-demo"

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
        else:
            user.set_unusable_password()
        user.save()
        Membership.objects.get_or_create(
            user=user, organisation=Organisation.objects.get(name=organisation_name), role=role
        )
    stdout.write(f"  users: {len(DEMO_USERS)} demo users, one per role")
