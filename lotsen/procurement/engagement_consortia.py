"""Consortia (Region Dalarna's model): enterprises that bid together, their workspace and
checklist, and the standing supplier networks."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .engagement import EngagementRefused, mail_on_commit, users_of
from .models import (
    ChecklistItem,
    Consortium,
    ConsortiumMember,
    ConsortiumMessage,
    Opportunity,
    SupplierNetwork,
)
from .policies import engagement as policies


@transaction.atomic
def consortium_create(*, user, opportunity: Opportunity, name: str) -> Consortium:
    """The user's enterprise leads; it is the first member, so its users see the workspace."""
    if not policies.can_form_consortium(user, opportunity):
        raise EngagementRefused(
            _("Declare your enterprise's interest before you form a consortium."),
            code="not_interested",
        )
    lead = policies.acting_enterprise(user)
    consortium = Consortium.objects.create(
        opportunity=opportunity, name=name, lead=lead, created_by=user
    )
    ConsortiumMember.objects.create(consortium=consortium, enterprise=lead)
    return consortium


@transaction.atomic
def consortium_member_add(
    *, user, consortium: Consortium, enterprise, share: str = "", lots=()
) -> ConsortiumMember:
    if not policies.leads(user, consortium):
        raise EngagementRefused(_("Only the lead tenderer adds members."), code="not_lead")
    if consortium.members.filter(enterprise=enterprise).exists():
        raise EngagementRefused(
            _("%(enterprise)s is already a member.") % {"enterprise": enterprise},
            code="already_member",
        )
    member = ConsortiumMember.objects.create(
        consortium=consortium, enterprise=enterprise, share=share
    )
    member.lots.set(lots)
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "consortium": consortium.name,
            "lead": consortium.lead.name,
            "title": consortium.opportunity.title,
        }
        mail_on_commit(
            users_of([enterprise.pk]),
            _("Lotsen: your enterprise is a member of %(consortium)s") % values,
            _(
                "%(lead)s has added your enterprise to the consortium %(consortium)s, "
                "which bids for %(title)s. Its workspace is in Lotsen."
            )
            % values,
            consortium_url(consortium),
        )
    return member


def consortium_url(consortium: Consortium) -> str:
    return reverse(
        "procurement:consortium_detail", args=[consortium.opportunity.slug, consortium.pk]
    )


def consortium_member_remove(*, user, member: ConsortiumMember) -> None:
    if not policies.can_remove_member(user, member):
        raise EngagementRefused(
            _("The lead tenderer cannot leave its own consortium."), code="lead_stays"
        )
    member.delete()


def consortium_message_post(
    *, user, consortium: Consortium, body: str, attachment=None
) -> ConsortiumMessage:
    message = ConsortiumMessage(consortium=consortium, author=user, body=body)
    if attachment:
        message.attachment = attachment
        message.attachment_name = attachment.name[:200]
    message.save()
    return message


def checklist_item_add(*, consortium: Consortium, text: str, due_on=None) -> ChecklistItem:
    return ChecklistItem.objects.create(consortium=consortium, text=text, due_on=due_on)


def checklist_item_toggle(*, user, item: ChecklistItem) -> ChecklistItem:
    """Mark done by the user, or undone again."""
    if item.done_at is None:
        item.done_at, item.done_by = timezone.now(), user
    else:
        item.done_at, item.done_by = None, None
    item.save(update_fields=["done_at", "done_by"])
    return item


def network_join(*, user, network: SupplierNetwork) -> None:
    enterprise = policies.acting_enterprise(user)
    if enterprise is None:
        raise EngagementRefused(
            _("Only a social enterprise's users can join a network."), code="no_enterprise"
        )
    if network.members.filter(pk=enterprise.pk).exists():
        raise EngagementRefused(
            _("%(enterprise)s is already a member.") % {"enterprise": enterprise},
            code="already_member",
        )
    network.members.add(enterprise)


def network_leave(*, user, network: SupplierNetwork) -> None:
    mine = network.members.filter(pk__in=policies.enterprises_of(user))
    if not mine.exists():
        raise EngagementRefused(
            _("Your enterprise is not a member of this network."), code="not_member"
        )
    network.members.remove(*mine)
