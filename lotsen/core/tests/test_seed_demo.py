from io import StringIO

from django.core.management import call_command

from lotsen.accounts.models import Membership, Role, User
from lotsen.organisations.models import Organisation

DEMO_LOGINS = {
    "samordnare@lotsen.test": Role.COORDINATOR,
    "handlaggare@lotsen.test": Role.CASEWORKER,
    "foretag@lotsen.test": Role.ENTERPRISE,
    "stodaktor@lotsen.test": Role.PROVIDER,
    "styrgrupp@lotsen.test": Role.STEERING,
    "admin@lotsen.test": Role.ADMIN,
    "inkopare@lotsen.test": Role.BUYER,
}


def test_it_builds_southern_norrbotten_with_one_login_per_role(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    enterprises = Organisation.objects.social_enterprises()
    assert enterprises.count() >= 12
    assert set(enterprises.values_list("municipality__name", flat=True)) == {
        "Luleå",
        "Piteå",
        "Boden",
        "Älvsbyn",
    }
    for email, role in DEMO_LOGINS.items():
        user = User.objects.get(email=email)
        assert user.has_role(role)
        assert user.check_password("lotsen-demo")
    caseworker = User.objects.get(email="handlaggare@lotsen.test")
    assert (
        Organisation.objects.where_user_holds(caseworker, Role.CASEWORKER)
        .get()
        .name.startswith("Arbetsförmedlingen")
    )


def test_running_it_twice_duplicates_nothing(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    counts = (Organisation.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == counts


def test_without_debug_the_demo_users_get_no_password(db, settings):
    settings.DEBUG = False
    call_command("seed_demo", stdout=StringIO())
    assert not User.objects.get(email="samordnare@lotsen.test").has_usable_password()
