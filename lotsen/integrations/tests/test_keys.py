"""API keys: made by the coordinator, shown once, kept as a hash, revocable, scoped."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.placements import policies as placement_policies

from .. import keys, services
from ..models import ApiKey

pytestmark = pytest.mark.django_db


def test_it_keeps_only_the_hash_of_the_secret(key_and_secret):
    key, secret = key_and_secret
    assert secret.startswith(f"lotsen_{key.prefix}_")
    assert secret not in key.secret_hash
    assert key.secret_hash == keys.secret_hash(secret)
    assert services.api_key_authenticate(secret) == key


def test_it_refuses_a_wrong_or_malformed_secret(key_and_secret):
    key, secret = key_and_secret
    assert services.api_key_authenticate(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert services.api_key_authenticate(f"lotsen_{key.prefix}") is None
    assert services.api_key_authenticate("nonsense") is None


def test_a_revoked_key_opens_nothing(coordinator, key_and_secret):
    key, secret = key_and_secret
    services.api_key_revoke(actor=coordinator, key=key)
    assert services.api_key_authenticate(secret) is None
    assert AuditEvent.objects.filter(reason="API key revoked", object_id=str(key.pk)).exists()


def test_an_expired_key_opens_nothing(coordinator, party):
    key, secret = services.api_key_create(
        actor=coordinator,
        organisation=party,
        name="Gammal",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    assert services.api_key_authenticate(secret) == key
    ApiKey.objects.filter(pk=key.pk).update(expires_at=timezone.now())
    assert services.api_key_authenticate(secret) is None


def test_the_service_identity_is_a_caseworker_of_its_party_and_nothing_more(key_and_secret, party):
    user = key_and_secret[0].identity.user
    assert list(user.memberships.values_list("organisation", "role")) == [
        (party.pk, Role.CASEWORKER)
    ]
    # It cannot sign in, and is never offered as a caseworker to receive a referral.
    assert not user.is_active and not user.has_usable_password()
    assert user not in {m.user for m in placement_policies.receiving_caseworkers()}


def test_all_keys_of_a_party_share_one_service_identity(coordinator, party, key_and_secret):
    second, _secret = services.api_key_create(actor=coordinator, organisation=party, name="Två")
    assert second.identity == key_and_secret[0].identity


def test_only_a_party_gets_keys(coordinator):
    enterprise = OrganisationFactory(kind=Organisation.Kind.SOCIAL_ENTERPRISE)
    with pytest.raises(Exception) as refused:
        services.api_key_create(actor=coordinator, organisation=enterprise, name="X")
    assert refused.value.code == "not_party"


# ---------------------------------------------------------------- the coordinator's pages


def test_the_coordinator_makes_a_key_and_sees_the_secret_once(client, coordinator, party):
    client.force_login(coordinator)
    response = client.post(
        reverse("integrations:key_create"), {"organisation": party.pk, "name": "Ärendesystem"}
    )
    assert response.status_code == 200
    key = ApiKey.objects.get()
    secret = response.context["secret"]
    assert services.api_key_authenticate(secret) == key
    assert "no-store" in response["Cache-Control"]
    listing = client.get(reverse("integrations:key_list"))
    assert key.prefix in listing.content.decode()
    assert secret not in listing.content.decode()
    assert AuditEvent.objects.filter(reason="API key created", actor=coordinator).exists()


def test_the_key_form_refuses_a_day_gone_by_and_makes_nothing(client, coordinator, party):
    client.force_login(coordinator)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        reverse("integrations:key_create"),
        {"organisation": party.pk, "name": "X", "expires_on": yesterday.isoformat()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["expires_on"]
    assert not ApiKey.objects.exists()


def test_the_coordinator_revokes_a_key(client, coordinator, key_and_secret):
    key = key_and_secret[0]
    client.force_login(coordinator)
    response = client.post(reverse("integrations:key_revoke", args=[key.pk]))
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None and key.revoked_by == coordinator
    again = client.post(reverse("integrations:key_revoke", args=[key.pk]), follow=True)
    assert "redan återkallad" in again.content.decode()


@pytest.mark.parametrize("persona", ["caseworker", "enterprise_user", "admin_user", "outsider"])
def test_no_one_else_manages_keys(client, request, persona, key_and_secret):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("integrations:key_list")).status_code == 403
    assert client.get(reverse("integrations:key_create")).status_code == 403
    key = key_and_secret[0]
    assert client.post(reverse("integrations:key_revoke", args=[key.pk])).status_code == 403
    key.refresh_from_db()
    assert key.revoked_at is None


def test_the_key_list_needs_as_many_queries_with_more_keys(
    client, coordinator, party, assert_constant_queries
):
    client.force_login(coordinator)

    def add(n):
        for i in range(n):
            services.api_key_create(actor=coordinator, organisation=party, name=f"K{i}")

    assert_constant_queries(reverse("integrations:key_list"), add)
