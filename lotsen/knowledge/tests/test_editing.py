import pytest

from lotsen.accounts.models import Role
from lotsen.knowledge.models import Resource
from lotsen.knowledge.tests.factories import ResourceFactory
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory


def valid(organisation, **overrides):
    return {
        "kind": "guide",
        "title": "Så tar ni emot en deltagare",
        "summary": "Steg för steg från första mötet.",
        "body": "## Förberedelser\n\nBoka ett möte.",
        "audience": "enterprises",
        "support_areas": ["supervisor-training"],
        "author_organisation": organisation.pk,
        "source": "Lotsen",
        **overrides,
    }


@pytest.fixture
def provider_organisation(provider):
    return Organisation.objects.where_user_holds(provider, Role.PROVIDER).get()


def test_a_provider_writes_a_draft_for_its_organisation(client, provider, provider_organisation):
    client.force_login(provider)
    response = client.post("/kunskap/ny/", valid(provider_organisation))
    resource = Resource.objects.get()
    assert response["Location"] == "/kunskap/sa-tar-ni-emot-en-deltagare/"
    assert resource.status == Resource.Status.DRAFT
    assert resource.created_by == provider
    assert list(resource.support_areas.values_list("code", flat=True)) == ["supervisor-training"]


def test_a_provider_cannot_write_in_another_organisations_name(client, provider):
    other = OrganisationFactory(kind=Organisation.Kind.SUPPORT_ACTOR, org_number=None)
    client.force_login(provider)
    response = client.post("/kunskap/ny/", valid(other))
    assert response.status_code == 200
    assert "Välj en organisation som du skriver för." in response.text
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Detta fält måste fyllas i."),
        ({"kind": "link", "url": ""}, "En länk eller podd behöver webbadressen där den finns."),
        ({"kind": "podcast", "url": "inte en adress"}, "Fyll i en giltig URL."),
        ({"kind": "essay"}, "Välj ett giltigt alternativ."),
        ({"support_areas": ["finns-inte"]}, "Välj ett giltigt alternativ."),
        ({"published_at": "igår"}, "Fyll i ett giltigt datum/tid."),
        ({"summary": "x" * 401}, "som mest 400 tecken"),
    ],
)
def test_bad_input_re_renders_with_a_swedish_message_and_saves_nothing(
    client, coordinator, overrides, message
):
    client.force_login(coordinator)
    organisation = coordinator.memberships.get().organisation
    response = client.post("/kunskap/ny/", valid(organisation, **overrides))
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in response.text
    assert message in response.text
    assert not Resource.objects.exists()


def test_editing_keeps_the_address_stable(client, coordinator):
    resource = ResourceFactory(title="Gammal rubrik")
    client.force_login(coordinator)
    response = client.post(
        f"/kunskap/{resource.slug}/andra/",
        valid(resource.author_organisation, title="Ny rubrik", related=[]),
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Ny rubrik"
    assert resource.slug == "gammal-rubrik"
    assert client.get("/kunskap/gammal-rubrik/").status_code == 200


def test_a_title_that_is_a_page_of_its_own_gets_another_address(db):
    assert ResourceFactory(title="Ny").slug == "ny-2"


def test_related_resources_are_shown_both_ways(client, db):
    guide = ResourceFactory(title="Vägledning om handledare")
    example = ResourceFactory(title="Gott exempel från Piteå", kind=Resource.Kind.GOOD_EXAMPLE)
    hidden = ResourceFactory(title="Dolt utkast", draft=True)
    guide.related.add(example, hidden)
    assert "Gott exempel från Piteå" in client.get(guide.get_absolute_url()).text
    page = client.get(example.get_absolute_url()).text
    assert "Vägledning om handledare" in page
    assert "Dolt utkast" not in client.get(guide.get_absolute_url()).text


def test_the_editor_publishes_and_withdraws_a_draft(client, provider, provider_organisation):
    resource = ResourceFactory(draft=True, author_organisation=provider_organisation)
    client.force_login(provider)
    response = client.post(f"/kunskap/{resource.slug}/publicera/", follow=True)
    assert "Resursen är publicerad." in response.text
    resource.refresh_from_db()
    assert resource.is_public
    first_published = resource.published_at
    client.post(f"/kunskap/{resource.slug}/avpublicera/")
    resource.refresh_from_db()
    assert resource.status == Resource.Status.DRAFT
    client.logout()
    assert client.get(resource.get_absolute_url()).status_code == 404
    client.force_login(provider)
    client.post(f"/kunskap/{resource.slug}/publicera/")
    resource.refresh_from_db()
    assert resource.published_at == first_published


def test_publishing_twice_is_refused_with_a_message(client, coordinator):
    resource = ResourceFactory()
    client.force_login(coordinator)
    response = client.post(f"/kunskap/{resource.slug}/publicera/", follow=True)
    assert "Statusen kan inte ändras från ”publicerad” till ”publicerad”." in response.text


def test_publishing_needs_a_post(client, coordinator):
    resource = ResourceFactory(draft=True)
    client.force_login(coordinator)
    assert client.get(f"/kunskap/{resource.slug}/publicera/").status_code == 405
    resource.refresh_from_db()
    assert resource.status == Resource.Status.DRAFT


@pytest.mark.parametrize("role", ["caseworker", "enterprise", "steering", "admin", "outsider"])
def test_non_editors_cannot_create_edit_or_publish(client, all_personas, role):
    published = ResourceFactory(title="Orörd")
    draft = ResourceFactory(draft=True)
    client.force_login(all_personas[role])
    assert client.get("/kunskap/ny/").status_code == 403
    assert client.get(f"/kunskap/{published.slug}/andra/").status_code == 403
    response = client.post(
        f"/kunskap/{published.slug}/andra/", valid(published.author_organisation, title="Kapad")
    )
    assert response.status_code == 403
    assert client.post(f"/kunskap/{published.slug}/avpublicera/").status_code == 403
    assert client.post(f"/kunskap/{draft.slug}/publicera/").status_code == 404
    published.refresh_from_db()
    draft.refresh_from_db()
    assert (published.title, published.status) == ("Orörd", Resource.Status.PUBLISHED)
    assert draft.status == Resource.Status.DRAFT


def test_a_provider_cannot_edit_another_organisations_resource(client, provider):
    resource = ResourceFactory()
    client.force_login(provider)
    assert client.get(f"/kunskap/{resource.slug}/andra/").status_code == 403
    assert client.post(f"/kunskap/{resource.slug}/avpublicera/").status_code == 403


def test_a_visitor_is_sent_to_log_in(client, db):
    resource = ResourceFactory()
    response = client.get(f"/kunskap/{resource.slug}/andra/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_the_editor_sees_the_edit_and_publish_buttons_others_do_not(client, coordinator, outsider):
    resource = ResourceFactory(draft=True)
    client.force_login(coordinator)
    page = client.get(resource.get_absolute_url()).text
    assert f'action="/kunskap/{resource.slug}/publicera/"' in page
    ResourceFactory(title="Publik")
    client.force_login(outsider)
    assert "/andra/" not in client.get("/kunskap/publik/").text
