import pytest

from lotsen.accounts.models import Role

WORK_ENTRIES = {
    "Min översikt": "/oversikt/",
    "Organisationer": "/organisationer/",
    "Systemförvaltning": "/admin/",
}


def work_menu(client, user):
    client.force_login(user)
    text = client.get("/oversikt/").text
    menu = text.split('aria-label="Arbetsmeny"', 1)[1].split("</nav>", 1)[0]
    return {label for label, url in WORK_ENTRIES.items() if f'href="{url}"' in menu}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.COORDINATOR, {"Min översikt", "Organisationer"}),
        (Role.CASEWORKER, {"Min översikt", "Organisationer"}),
        (Role.ENTERPRISE, {"Min översikt", "Organisationer"}),
        (Role.PROVIDER, {"Min översikt", "Organisationer"}),
        (Role.STEERING, {"Min översikt", "Organisationer"}),
        (Role.ADMIN, {"Min översikt", "Organisationer", "Systemförvaltning"}),
        ("outsider", {"Min översikt"}),
    ],
)
def test_each_role_sees_what_it_may_use(client, all_personas, role, expected):
    assert work_menu(client, all_personas[role]) == expected


def test_a_visitor_sees_only_the_public_menu(client, db):
    text = client.get("/").text
    assert 'aria-label="Arbetsmeny"' not in text
    assert 'href="/foretag/"' in text
