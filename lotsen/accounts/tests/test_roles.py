from lotsen.accounts.models import Role
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory


def test_a_user_may_hold_roles_in_several_organisations(make_persona):
    user = make_persona(Role.ENTERPRISE)
    second = OrganisationFactory()
    user.memberships.create(organisation=second, role=Role.PROVIDER)
    assert user.roles == {Role.ENTERPRISE, Role.PROVIDER}
    assert user.has_role(Role.PROVIDER)
    assert not user.has_role(Role.COORDINATOR)
    assert list(Organisation.objects.where_user_holds(user, Role.PROVIDER)) == [second]
