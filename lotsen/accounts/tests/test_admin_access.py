import pytest

from lotsen.accounts.models import Role


def test_the_admin_role_reaches_the_django_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/organisations/organisation/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


@pytest.mark.parametrize(
    "role",
    [Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE, Role.PROVIDER, Role.STEERING, "outsider"],
)
def test_every_other_role_is_refused(client, all_personas, role):
    client.force_login(all_personas[role])
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "Du har inte tillgång till den här sidan" in response.text


def test_a_visitor_is_sent_to_the_single_login_page(client, db):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/konto/login/?next=")
