"""Whose enterprise profiles a user may edit, asked of the organisations' policies."""

import pytest

from lotsen.accounts.models import Role
from lotsen.organisations import policies
from lotsen.organisations.models import Organisation

from .factories import OrganisationFactory


@pytest.fixture
def own_enterprise(enterprise_user):
    return Organisation.objects.where_user_holds(enterprise_user, Role.ENTERPRISE).get()


def test_an_enterprise_user_represents_only_their_own_enterprise(enterprise_user, own_enterprise):
    OrganisationFactory()

    assert list(policies.own_enterprises(enterprise_user)) == [own_enterprise]


def test_a_role_other_than_enterprise_represents_no_enterprise(provider):
    assert not policies.own_enterprises(provider).exists()


@pytest.mark.parametrize("persona", ["coordinator", "admin_user"])
def test_those_who_manage_the_register_may_edit_every_profile(request, persona, own_enterprise):
    other = OrganisationFactory()
    user = request.getfixturevalue(persona)

    editable = policies.profiles_editable_by(user, Organisation.objects.social_enterprises())

    assert {own_enterprise, other} <= set(editable)


def test_an_enterprise_user_may_edit_only_their_own_profile(enterprise_user, own_enterprise):
    OrganisationFactory()

    editable = policies.profiles_editable_by(
        enterprise_user, Organisation.objects.social_enterprises()
    )

    assert list(editable) == [own_enterprise]


@pytest.mark.parametrize("persona", ["provider", "caseworker", "outsider"])
def test_others_may_edit_no_profile(db, request, persona):
    OrganisationFactory()
    user = request.getfixturevalue(persona)

    editable = policies.profiles_editable_by(user, Organisation.objects.social_enterprises())

    assert not editable.exists()
