"""An interested enterprise forms a consortium and leads it; its members' users and the
coordinator share a workspace of messages, files and a checklist; nobody else sees it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotsen.accounts.models import Role
from lotsen.organisations.models import Organisation
from lotsen.procurement.models import (
    ChecklistItem,
    Consortium,
    ConsortiumMember,
    ConsortiumMessage,
    Interest,
)
from lotsen.procurement.policies import enterprises_of

from .factories import ConsortiumFactory, ConsortiumMemberFactory, LotFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(make_persona):
    """A user of another social enterprise."""
    return make_persona(Role.ENTERPRISE, email="partner@example.test")


@pytest.fixture
def consortium(enterprise_user):
    """Led by the enterprise persona's enterprise, interested in the opportunity."""
    lead = enterprises_of(enterprise_user).get()
    opportunity = OpportunityFactory()
    Interest.objects.create(opportunity=opportunity, enterprise=lead)
    consortium = ConsortiumFactory(opportunity=opportunity, lead=lead)
    ConsortiumMemberFactory(consortium=consortium, enterprise=lead)
    return consortium


def url(name, consortium, *more):
    return reverse(f"procurement:{name}", args=[consortium.opportunity.slug, consortium.pk, *more])


def test_an_interested_enterprise_forms_a_consortium_and_leads_it(client, enterprise_user):
    opportunity = OpportunityFactory()
    enterprise = enterprises_of(enterprise_user).get()
    client.force_login(enterprise_user)
    create = reverse("procurement:consortium_create", args=[opportunity.slug])
    assert client.get(create).status_code == 404  # interest first

    Interest.objects.create(opportunity=opportunity, enterprise=enterprise)
    response = client.post(create, {"name": "Städkonsortiet Luleå"})

    consortium = Consortium.objects.get()
    assert response.url == url("consortium_detail", consortium)
    assert consortium.lead == enterprise
    assert list(consortium.members.values_list("enterprise", flat=True)) == [enterprise.pk]


def test_the_lead_adds_a_member_who_is_told(
    client, enterprise_user, partner, consortium, mailoutbox, django_capture_on_commit_callbacks
):
    lot = LotFactory(opportunity=consortium.opportunity)
    other = enterprises_of(partner).get()
    client.force_login(enterprise_user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("consortium_member_add", consortium),
            {"enterprise": other.pk, "share": "Förskolorna i Gammelstad", "lots": [lot.pk]},
        )

    member = consortium.members.get(enterprise=other)
    assert member.share == "Förskolorna i Gammelstad" and list(member.lots.all()) == [lot]
    assert [mail.to for mail in mailoutbox] == [[partner.email]]
    client.force_login(partner)
    assert client.get(url("consortium_detail", consortium)).status_code == 200


def test_an_unknown_member_is_refused(client, enterprise_user, consortium):
    not_an_enterprise = Organisation.objects.create(name="Kommunen", kind=Organisation.Kind.PARTY)
    client.force_login(enterprise_user)
    for value in ("999999", not_an_enterprise.pk):
        response = client.post(url("consortium_member_add", consortium), {"enterprise": value})
        assert response.status_code == 200
        assert 'class="error-message"' in response.content.decode()
    assert consortium.members.count() == 1


def test_the_workspace_is_hidden_from_others_and_open_to_the_coordinator(
    client, consortium, partner, buyer, coordinator
):
    for user in (partner, buyer):
        client.force_login(user)
        assert client.get(url("consortium_detail", consortium)).status_code == 404
        client.post(url("consortium_message", consortium), {"body": "Hej"})
    assert not ConsortiumMessage.objects.exists()
    client.force_login(coordinator)
    assert consortium.name in client.get(url("consortium_detail", consortium)).content.decode()


def test_an_attachment_is_served_to_members_only(
    client, settings, tmp_path, consortium, enterprise_user, partner
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(enterprise_user)
    client.post(
        url("consortium_message", consortium),
        {"body": "Utkast", "attachment": SimpleUploadedFile("utkast.txt", b"Vart anbud")},
    )
    message = ConsortiumMessage.objects.get()
    assert message.attachment_name == "utkast.txt"

    response = client.get(url("consortium_attachment", consortium, message.pk))
    assert b"".join(response.streaming_content) == b"Vart anbud"
    client.force_login(partner)
    assert client.get(url("consortium_attachment", consortium, message.pk)).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"body": ""},
        {"body": "x" * 4001},
        {"body": "Fil", "attachment": SimpleUploadedFile("virus.exe", b"MZ")},
    ],
)
def test_a_bad_message_is_refused(client, enterprise_user, consortium, data):
    client.force_login(enterprise_user)
    response = client.post(url("consortium_message", consortium), data)
    assert response.status_code == 400
    assert 'class="error-message"' in response.content.decode()
    assert not ConsortiumMessage.objects.exists()


def test_a_checklist_step_is_marked_done_and_undone(client, enterprise_user, consortium):
    client.force_login(enterprise_user)
    client.post(url("consortium_checklist_add", consortium), {"item-text": "Skriv anbudet"})
    item = ChecklistItem.objects.get()
    toggle = url("consortium_checklist_toggle", consortium, item.pk)

    client.post(toggle)
    item.refresh_from_db()
    assert item.done_at is not None and item.done_by == enterprise_user
    client.post(toggle)
    item.refresh_from_db()
    assert item.done_at is None and item.done_by is None


def test_an_empty_checklist_step_is_refused(client, enterprise_user, consortium):
    client.force_login(enterprise_user)
    response = client.post(url("consortium_checklist_add", consortium), {"item-text": ""})
    assert response.status_code == 400
    assert not ChecklistItem.objects.exists()


def test_the_lead_removes_a_member_and_a_member_leaves(
    client, enterprise_user, partner, consortium, make_persona
):
    stays = ConsortiumMemberFactory(consortium=consortium, enterprise=enterprises_of(partner).get())
    third_user = make_persona(Role.ENTERPRISE)
    leaves = ConsortiumMemberFactory(
        consortium=consortium, enterprise=enterprises_of(third_user).get()
    )
    lead = consortium.members.get(enterprise=consortium.lead)

    client.force_login(third_user)
    client.post(url("consortium_member_remove", consortium, leaves.pk))
    client.post(url("consortium_member_remove", consortium, stays.pk))  # not theirs to remove
    assert set(consortium.members.all()) == {lead, stays}

    client.force_login(enterprise_user)
    client.post(url("consortium_member_remove", consortium, stays.pk))
    response = client.post(url("consortium_member_remove", consortium, lead.pk), follow=True)
    assert list(consortium.members.all()) == [lead]
    assert "kan inte lämna sitt eget konsortium" in response.content.decode()


def test_members_see_their_consortia_listed_with_constant_queries(
    client, enterprise_user, consortium, assert_constant_queries
):
    client.force_login(enterprise_user)
    lead = consortium.lead

    def add(n):
        for _ in range(n):
            other = ConsortiumFactory(opportunity=consortium.opportunity, lead=lead)
            ConsortiumMemberFactory(consortium=other, enterprise=lead)
            ConsortiumMemberFactory(consortium=other)

    list_url = reverse("procurement:consortium_list", args=[consortium.opportunity.slug])
    assert_constant_queries(list_url, add)


def test_the_workspace_needs_as_many_queries_with_more_content(
    client, enterprise_user, consortium, assert_constant_queries
):
    client.force_login(enterprise_user)

    def add(n):
        for index in range(n):
            ConsortiumMemberFactory(consortium=consortium)
            ConsortiumMessage.objects.create(
                consortium=consortium, author=enterprise_user, body=f"Meddelande {index}"
            )
            ChecklistItem.objects.create(
                consortium=consortium, text=f"Steg {index}", done_by=enterprise_user
            )

    assert_constant_queries(url("consortium_detail", consortium), add)


def test_consortia_of_others_are_not_listed(client, partner, consortium):
    ConsortiumMember.objects.create(
        consortium=ConsortiumFactory(), enterprise=enterprises_of(partner).get()
    )
    client.force_login(partner)
    response = client.get(
        reverse("procurement:consortium_list", args=[consortium.opportunity.slug])
    )
    assert response.status_code == 404
