"""Supplier networks are public; enterprises join and leave them; the coordinator keeps them."""

import pytest
from django.urls import reverse

from lotsen.procurement.models import SupplierNetwork
from lotsen.procurement.policies import enterprises_of

from .factories import SupplierNetworkFactory

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_networks(client):
    network = SupplierNetworkFactory(description="Städ och lokalvård i Norrbotten")
    assert network.name in client.get(reverse("procurement:network_list")).content.decode()
    detail = client.get(reverse("procurement:network_detail", args=[network.pk]))
    assert "Städ och lokalvård i Norrbotten" in detail.content.decode()


def test_an_enterprise_joins_and_leaves(client, enterprise_user):
    network = SupplierNetworkFactory()
    enterprise = enterprises_of(enterprise_user).get()
    client.force_login(enterprise_user)

    client.post(reverse("procurement:network_join", args=[network.pk]))
    assert list(network.members.all()) == [enterprise]
    again = client.post(reverse("procurement:network_join", args=[network.pk]), follow=True)
    assert "är redan medlem" in again.content.decode()

    client.post(reverse("procurement:network_leave", args=[network.pk]))
    assert not network.members.exists()


def test_only_an_enterprise_joins(client, buyer):
    network = SupplierNetworkFactory()
    client.force_login(buyer)
    client.post(reverse("procurement:network_join", args=[network.pk]))
    assert not network.members.exists()


def test_the_coordinator_creates_and_edits_a_network(client, coordinator):
    client.force_login(coordinator)
    client.post(
        reverse("procurement:network_create"),
        {
            "name": "Leverantörsnätverk Norrbotten – catering",
            "description": "Mat till förskolor.",
            "cpv_codes": "55520000, 15894000",
            "municipalities": ["2580", "2581"],
        },
    )
    network = SupplierNetwork.objects.get()
    assert set(network.cpv_codes.values_list("code", flat=True)) == {"55520000", "15894000"}
    assert set(network.municipalities.values_list("code", flat=True)) == {"2580", "2581"}

    client.post(
        reverse("procurement:network_edit", args=[network.pk]),
        {"name": "Catering", "cpv_codes": "55520000"},
    )
    network.refresh_from_db()
    assert network.name == "Catering"
    assert list(network.cpv_codes.values_list("code", flat=True)) == ["55520000"]


def test_an_unknown_cpv_code_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("procurement:network_create"), {"name": "Nätverk", "cpv_codes": "12345678"}
    )
    assert "Okänd CPV-kod: 12345678." in response.content.decode()
    assert not SupplierNetwork.objects.exists()


def test_others_do_not_keep_networks(client, enterprise_user):
    client.force_login(enterprise_user)
    assert client.get(reverse("procurement:network_create")).status_code == 403


def test_the_network_list_needs_as_many_queries_with_more_networks(client, assert_constant_queries):
    def add(n):
        for _ in range(n):
            SupplierNetworkFactory().municipalities.set(["2580"])

    assert_constant_queries(reverse("procurement:network_list"), add)
