"""The pages of matching: enterprises that fit an opportunity, invitations, the
opportunities for an enterprise, and the CPV–SNI correspondence the coordinator keeps."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent
from lotsen.core.models import Industry
from lotsen.organisations.tests.factories import OrganisationFactory, SocialEnterpriseFactory
from lotsen.procurement.models import CpvIndustryLink, Invitation, Opportunity
from lotsen.procurement.policies import buyer_organisations, enterprises_of
from lotsen.procurement.tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def cleaning_enterprise(name="Städkooperativet", *, staff=10, target=4, serves=("2580",), **kw):
    profile = SocialEnterpriseFactory(
        organisation=kw.get("organisation") or OrganisationFactory(name=name, email=""),
        staff_count=staff,
        staff_from_target_group=target,
    )
    profile.industries.set(kw.get("sni", ["81210"]))
    profile.municipalities_served.set(serves)
    return profile


@pytest.fixture
def own_opportunity(buyer):
    return OpportunityFactory(buyer=buyer_organisations(buyer).get())


def test_the_buyer_sees_fitting_enterprises_with_their_reasons(client, buyer, own_opportunity):
    cleaning_enterprise("Städkooperativet")
    cleaning_enterprise("Få från målgruppen", target=1)
    cleaning_enterprise("Köket", sni=["56293"])
    client.force_login(buyer)
    response = client.get(reverse("procurement:fit", args=[own_opportunity.slug]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Köket" not in text
    assert text.index("Städkooperativet") < text.index("Få från målgruppen")
    assert "81.210" in text and "90911200" in text
    assert "4 av 10 anställda kommer från målgruppen, 40 %" in text
    assert "Uppfyller:" in text and "Uppfyller inte:" in text
    assert "Verkar där arbetet utförs: Luleå." in text
    assert "Kapacitet: 10 anställda." in text
    assert "Luleå" in text


def test_another_buyer_and_enterprises_may_not_see_the_suggestions(
    client, make_persona, enterprise_user, own_opportunity
):
    url = reverse("procurement:fit", args=[own_opportunity.slug])
    for user in (make_persona(Role.BUYER), enterprise_user):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404)


def test_the_coordinator_sees_the_suggestions(client, coordinator, own_opportunity):
    cleaning_enterprise()
    client.force_login(coordinator)
    response = client.get(reverse("procurement:fit", args=[own_opportunity.slug]))
    assert "Städkooperativet" in response.content.decode()


def test_inviting_an_enterprise_mails_its_users_and_refuses_a_second_time(
    client, buyer, own_opportunity, make_persona, mailoutbox, django_capture_on_commit_callbacks
):
    profile = cleaning_enterprise()
    profile.organisation.email = "info@stad.example.test"
    profile.organisation.save()
    make_persona(Role.ENTERPRISE, profile.organisation, email="anna@stad.example.test")
    client.force_login(buyer)
    url = reverse("procurement:fit_invite", args=[own_opportunity.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"enterprise": profile.organisation_id}, follow=True)
    assert Invitation.objects.filter(
        opportunity=own_opportunity, enterprise=profile.organisation, invited_by=buyer
    ).exists()
    assert AuditEvent.objects.filter(object_type="procurement.invitation").exists()
    [mail] = mailoutbox
    assert set(mail.to) == {"anna@stad.example.test", "info@stad.example.test"}
    assert own_opportunity.title in mail.body
    assert "bjuder in" in mail.body
    assert mail.subject == f"Inbjudan att lämna anbud: {own_opportunity.title}"
    assert "Inbjudet den" in response.content.decode()

    response = client.post(url, {"enterprise": profile.organisation_id}, follow=True)
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 1
    assert "är redan inbjudet" in response.content.decode()


def test_an_unknown_enterprise_or_a_closed_opportunity_is_refused(client, buyer, own_opportunity):
    client.force_login(buyer)
    url = reverse("procurement:fit_invite", args=[own_opportunity.slug])
    assert client.post(url, {"enterprise": "999999"}).status_code == 302
    assert client.post(url, {"enterprise": "x"}).status_code == 302
    own_opportunity.status = Opportunity.Status.CLOSED
    own_opportunity.save()
    profile = cleaning_enterprise()
    client.post(url, {"enterprise": profile.organisation_id})
    assert not Invitation.objects.exists()


def test_the_suggestions_take_few_queries(client, buyer, own_opportunity, assert_constant_queries):
    client.force_login(buyer)
    assert_constant_queries(
        reverse("procurement:fit", args=[own_opportunity.slug]),
        lambda n: [cleaning_enterprise(f"Städ {i}") for i in range(n)],
    )


def test_an_enterprise_sees_open_opportunities_that_fit_it_first(client, enterprise_user):
    cleaning_enterprise(organisation=enterprises_of(enterprise_user).get())
    later = timezone.now() - datetime.timedelta(hours=1)
    fitting = OpportunityFactory(title="Städning av skolor", published_at=later)
    OpportunityFactory(title="Skolmat", main_cpv_id="55524000")
    OpportunityFactory(title="Utkastet", draft=True)
    client.force_login(enterprise_user)
    response = client.get(reverse("procurement:for_us"))
    text = response.content.decode()
    assert text.index(fitting.title) < text.index("Skolmat")
    assert "Utkastet" not in text
    assert "81.210" in text


def test_the_opportunities_for_us_take_few_queries(
    client, enterprise_user, assert_constant_queries
):
    cleaning_enterprise(organisation=enterprises_of(enterprise_user).get())
    client.force_login(enterprise_user)
    assert_constant_queries(
        reverse("procurement:for_us"), lambda n: OpportunityFactory.create_batch(n)
    )


def test_the_coordinator_adds_and_removes_a_link(client, coordinator):
    client.force_login(coordinator)
    url = reverse("procurement:links")
    response = client.post(url, {"cpv": "98311000-6", "sni": "96.011", "note": "Tvätt"})
    assert response.status_code == 302
    link = CpvIndustryLink.objects.get(cpv="98311000", industry="96011")
    client.post(reverse("procurement:link_delete", args=[link.pk]))
    assert not CpvIndustryLink.objects.filter(pk=link.pk).exists()
    # A code without its trailing zeros names its level, as people write it.
    response = client.post(url, {"cpv": "7734", "sni": "81.30"})
    assert response.status_code == 302
    assert CpvIndustryLink.objects.filter(cpv="77340000", industry="8130").exists()


@pytest.mark.parametrize(
    ("cpv", "sni", "error"),
    [
        ("12345678", "81.210", "12345678"),
        ("90911200", "99.999", "99.999"),
        ("90900000", "81.2", "redan kopplade"),
    ],
)
def test_a_bad_link_is_refused_with_a_clear_error(client, coordinator, cpv, sni, error):
    client.force_login(coordinator)
    count = CpvIndustryLink.objects.count()
    response = client.post(reverse("procurement:links"), {"cpv": cpv, "sni": sni})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert CpvIndustryLink.objects.count() == count


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("lankar.csv", text.encode(), content_type="text/csv")


def test_an_import_with_a_bad_row_imports_nothing_and_lists_every_bad_row(client, coordinator):
    client.force_login(coordinator)
    count = CpvIndustryLink.objects.count()
    text = "cpv,sni,note\n98311000,96.011,Tvätt\n123,81.2,\n90911200,00.000,\n"
    response = client.post(reverse("procurement:links_import"), {"file": csv_file(text)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rad 3: Det finns ingen CPV-kod 123." in page
    assert "Rad 4: Det finns ingen SNI 2007-kod 00.000" in page
    assert "Ingenting importerades" in page
    assert CpvIndustryLink.objects.count() == count


def test_a_good_import_adds_the_new_links_and_skips_the_known(client, coordinator):
    client.force_login(coordinator)
    count = CpvIndustryLink.objects.count()
    text = "cpv;sni;note\n98311000;96.011;Tvätt\n90900000;81.2;\n"
    response = client.post(reverse("procurement:links_import"), {"file": csv_file(text)})
    assert response.status_code == 302
    assert CpvIndustryLink.objects.count() == count + 1


def test_an_unreadable_import_is_a_clear_error(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("procurement:links_import"), {"file": csv_file("bara skräp\n")})
    assert response.status_code == 400
    assert "cpv,sni,note" in response.content.decode()


def test_the_correspondence_takes_few_queries(client, coordinator, assert_constant_queries):
    client.force_login(coordinator)
    codes = iter(["90911000", "90911200", "90919000", "77311000", "77313000", "77314000"] * 4)
    industries = iter(
        list(Industry.objects.filter(code__startswith="81").values_list("pk", flat=True)) * 6
    )
    assert_constant_queries(
        reverse("procurement:links"),
        lambda n: [
            CpvIndustryLink.objects.get_or_create(cpv_id=next(codes), industry_id=next(industries))
            for _ in range(n)
        ],
    )
