"""The main menu: each role's areas and links, the current page, and home."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from lotsen.accounts.models import Role
from lotsen.accounts.tests.factories import enrol_authenticator_app, sign_in
from lotsen.core import navigation

VISITOR_MENU = [
    "Start",
    "Sociala företag",
    "Upphandling",
    "Evenemang",
    "Kunskap",
    "Stödutbud",
    "Statistik",
    "Öppna data",
    "Kontakt",
]

# A top-level link is a string, an area a (label, links) pair.
MENUS = {
    Role.COORDINATOR: [
        "Min översikt",
        (
            "Lotsning",
            ["Deltagare", "Anvisningar", "Matchning", "Placeringar", "Arbetsträningsplatser"],
        ),
        ("Stöd", ["Stödutbud", "Kontakt", "Ärenden", "Timbank", "Mentorer"]),
        (
            "Dialog och kunskap",
            [
                "Sociala företag",
                "Upphandling",
                "Mina affärsmöjligheter",
                "Evenemang",
                "Mina evenemang",
                "Deltagande i evenemang",
                "Kunskap",
                "Enkäter",
                "Behov",
                "Aktörskartläggning",
            ],
        ),
        (
            "Uppföljning och finansiering",
            [
                "Statistik",
                "Öppna data",
                "Finansiering",
                "Uppföljningsrapporter",
                "Effektmätning",
                "Socioekonomisk kalkyl",
                "Årsrapport",
            ],
        ),
        (
            "Administration",
            [
                "Organisationer",
                "Profiler att verifiera",
                "API-nycklar för partnersystem",
                "Granskningslogg",
            ],
        ),
    ],
    Role.CASEWORKER: [
        "Min översikt",
        ("Lotsning", ["Deltagare", "Anvisningar", "Placeringar", "Arbetsträningsplatser"]),
        ("Stöd", ["Stödutbud", "Kontakt", "Ärenden"]),
        (
            "Dialog och kunskap",
            ["Sociala företag", "Upphandling", "Evenemang", "Kunskap", "Enkäter"],
        ),
        ("Uppföljning och finansiering", ["Statistik", "Öppna data", "Finansiering"]),
        "Organisationer",
    ],
    Role.ENTERPRISE: [
        "Min översikt",
        ("Lotsning", ["Deltagare", "Placeringar", "Arbetsträningsplatser"]),
        ("Stöd", ["Stödutbud", "Kontakt", "Ärenden", "Timbank"]),
        (
            "Dialog och kunskap",
            [
                "Sociala företag",
                "Vår företagsprofil",
                "Upphandling",
                "Affärsmöjligheter för oss",
                "Bevakningar",
                "Evenemang",
                "Kunskap",
                "Enkäter",
            ],
        ),
        ("Uppföljning och finansiering", ["Statistik", "Öppna data"]),
        "Organisationer",
    ],
    Role.PROVIDER: [
        "Min översikt",
        ("Stöd", ["Stödutbud", "Kontakt", "Ärenden", "Timbank", "Mentorer"]),
        (
            "Dialog och kunskap",
            [
                "Sociala företag",
                "Upphandling",
                "Evenemang",
                "Mina evenemang",
                "Kunskap",
                "Enkäter",
                "Behov",
            ],
        ),
        ("Uppföljning och finansiering", ["Statistik", "Öppna data"]),
        "Organisationer",
    ],
    Role.STEERING: [
        "Min översikt",
        ("Stöd", ["Stödutbud", "Kontakt", "Ärenden"]),
        (
            "Dialog och kunskap",
            [
                "Sociala företag",
                "Upphandling",
                "Evenemang",
                "Deltagande i evenemang",
                "Kunskap",
                "Enkäter",
                "Behov",
            ],
        ),
        (
            "Uppföljning och finansiering",
            [
                "Statistik",
                "Öppna data",
                "Finansiering",
                "Uppföljningsrapporter",
                "Effektmätning",
                "Socioekonomisk kalkyl",
                "Årsrapport",
            ],
        ),
        "Organisationer",
    ],
    Role.ADMIN: [
        "Min översikt",
        ("Stöd", ["Stödutbud", "Kontakt", "Ärenden"]),
        (
            "Dialog och kunskap",
            [
                "Sociala företag",
                "Upphandling",
                "Evenemang",
                "Kunskap",
                "Enkäter",
                "Aktörskartläggning",
            ],
        ),
        (
            "Uppföljning och finansiering",
            ["Statistik", "Öppna data", "Finansiering", "Socioekonomisk kalkyl"],
        ),
        ("Administration", ["Organisationer", "Profiler att verifiera", "Systemförvaltning"]),
    ],
    Role.BUYER: [
        "Min översikt",
        ("Stöd", ["Stödutbud", "Kontakt", "Ärenden"]),
        (
            "Dialog och kunskap",
            [
                "Sociala företag",
                "Upphandling",
                "Mina affärsmöjligheter",
                "Evenemang",
                "Kunskap",
                "Enkäter",
            ],
        ),
        ("Uppföljning och finansiering", ["Statistik", "Öppna data", "Finansiering"]),
        "Organisationer",
    ],
    "outsider": [
        "Min översikt",
        ("Stöd", ["Stödutbud", "Kontakt"]),
        ("Dialog och kunskap", ["Sociala företag", "Upphandling", "Evenemang", "Kunskap"]),
        ("Uppföljning och finansiering", ["Statistik", "Öppna data"]),
    ],
}
STAFF = [Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE, Role.PROVIDER]


def outline(menu) -> list:
    return [
        (str(entry.area.label), [str(link.label) for link in entry.links])
        if isinstance(entry, navigation.Group)
        else str(entry.label)
        for entry in menu
    ]


def links(menu) -> list[navigation.Link]:
    return [
        link
        for entry in menu
        for link in (entry.links if isinstance(entry, navigation.Group) else [entry])
    ]


def main_menu(html: str) -> str:
    return html.split('aria-label="Huvudmeny"', 1)[1].split("</nav>", 1)[0]


@pytest.mark.parametrize("role", list(MENUS))
def test_each_role_gets_the_areas_and_links_it_may_use(all_personas, role):
    assert outline(navigation.menu_for(all_personas[role], "/")) == MENUS[role]


@pytest.mark.parametrize("role", list(MENUS))
def test_no_link_in_a_roles_menu_is_refused_to_it(client, all_personas, role):
    user = all_personas[role]
    client.force_login(user)
    for link in links(navigation.menu_for(user, "/")):
        response = client.get(link.url, follow=True)
        assert response.status_code == 200, f"{role}: {link.label} {link.url}"


def test_a_visitor_gets_the_public_links_side_by_side(client, db):
    menu = navigation.menu_for(AnonymousUser(), "/")
    assert outline(menu) == VISITOR_MENU
    html = main_menu(client.get("/").text)
    assert "nav-group" not in html
    assert 'href="/oversikt/"' not in html and 'href="/lotsning/' not in html


def test_each_area_is_a_disclosure_and_the_current_page_is_marked(client, coordinator):
    client.force_login(coordinator)
    html = main_menu(client.get("/stod/timbank/").text)
    assert re.search(r'<summary class="menu-toggle">\s*Meny\s*</summary>', html)
    assert html.count("<details") == 1 + 5
    assert '<li class="nav-group current">' in html
    assert '<summary aria-current="true">Stöd</summary>' in html
    assert html.count('aria-current="page"') == 1
    # The longer address wins: the time bank, not the requests at /stod/arenden/.
    assert '<a href="/stod/timbank/" aria-current="page">Timbank</a>' in html


def test_the_current_link_is_the_longest_address_the_page_lies_under(coordinator):
    menu = navigation.menu_for(coordinator, "/effekt/socioekonomi/")
    assert [str(link.label) for link in links(menu) if link.current] == ["Socioekonomisk kalkyl"]
    assert not any(link.current for link in links(navigation.menu_for(coordinator, "/")))


def test_an_area_with_one_link_is_that_link(client, enterprise_user):
    client.force_login(enterprise_user)
    html = main_menu(client.get("/oversikt/").text)
    assert '<li><a href="/statistik/">Statistik</a></li>' in html
    assert '<a href="/oversikt/" aria-current="page">Min översikt</a>' in html


@pytest.mark.parametrize("role", STAFF)
def test_staff_land_on_their_inbox_after_login(client, all_personas, role):
    user = all_personas[role]
    response = sign_in(client, user, secret=enrol_authenticator_app(user))
    assert response.status_code == 302 and response["Location"] == "/oversikt/"
    page = client.get(response["Location"])
    assert page.context["inbox"] is not None
    assert '<a class="brand" href="/oversikt/">' in page.text


def test_home_is_the_public_start_page_for_a_visitor(client, db):
    assert '<a class="brand" href="/">' in client.get("/kunskap/").text
    assert client.get("/").status_code == 200


def test_a_signed_in_user_still_reaches_the_public_start_page(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/").status_code == 200
    assert client.get("/konto/login/")["Location"] == "/oversikt/"


def test_the_overview_lists_every_area_with_its_links(client, caseworker):
    client.force_login(caseworker)
    html = client.get("/oversikt/").text
    site_map = html.split('<ul class="site-map">', 1)[1].split("</main>", 1)[0]
    assert "Lotsning" in site_map and 'href="/lotsning/anvisningar/"' in site_map
    assert 'href="/matchning/"' not in site_map
