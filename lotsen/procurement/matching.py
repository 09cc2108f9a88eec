"""Matching enterprises and opportunities from the database: the facts `fit` needs, the
suggestions for an opportunity, the opportunities for an enterprise, and invitations."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django_tasks import task

from lotsen.accounts.models import Role, User
from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.core.models import Industry, Municipality
from lotsen.organisations.models import Organisation, SocialEnterprise

from . import fit
from .models import CpvCode, CpvIndustryLink, Invitation, Opportunity


def links() -> list[fit.Link]:
    return [
        fit.Link(cpv, sni, note)
        for cpv, sni, note in CpvIndustryLink.objects.values_list("cpv_id", "industry_id", "note")
    ]


def enterprise_facts(profile: SocialEnterprise) -> fit.EnterpriseFacts:
    """Facts of a profile fetched with `with_related()`; its home municipality is served."""
    served = {municipality.code for municipality in profile.municipalities_served.all()}
    if profile.organisation.municipality_id:
        served.add(profile.organisation.municipality_id)
    return fit.EnterpriseFacts(
        id=profile.organisation_id,
        name=profile.organisation.name,
        sni=frozenset(industry.code for industry in profile.industries.all()),
        municipalities=frozenset(served),
        staff_count=profile.staff_count,
        staff_from_target_group=profile.staff_from_target_group,
        services=frozenset(service.name.lower() for service in profile.services.all()),
    )


def opportunity_facts(opportunity: Opportunity) -> fit.OpportunityFacts:
    """Facts of an opportunity fetched with `with_fit_facts()`."""
    additional = list(opportunity.additional_cpv.all())
    words = [opportunity.title, opportunity.description, opportunity.main_cpv.label]
    return fit.OpportunityFacts(
        id=opportunity.pk,
        cpv=(opportunity.main_cpv_id, *(cpv.code for cpv in additional)),
        municipalities=frozenset(m.code for m in opportunity.municipalities.all()),
        reserved=opportunity.is_reserved,
        text=" ".join([*words, *(cpv.label for cpv in additional)]).lower(),
    )


def with_fit_facts(opportunities):
    return opportunities.select_related("buyer", "main_cpv").prefetch_related(
        "additional_cpv", "municipalities"
    )


@dataclass(frozen=True)
class Suggestion:
    """One enterprise suggested for an opportunity, with the names its reasons need."""

    profile: SocialEnterprise
    fit: fit.Fit
    invitation: Invitation | None
    reasons: list["Reason"]


def _names_of_codes(fits) -> dict[str, str]:
    """The labels of the CPV, SNI and municipality codes that the reasons name."""
    cpv, sni, places = set(), set(), set()
    for each in fits:
        places.update(each.places)
        for match in each.trade:
            cpv.update({match.opportunity_cpv, match.link.cpv})
            sni.update({match.enterprise_sni, match.link.sni})
    return {
        **{f"cpv:{c.code}": str(c) for c in CpvCode.objects.filter(code__in=cpv)},
        **{f"sni:{i.code}": str(i) for i in Industry.objects.filter(code__in=sni)},
        **{f"place:{m.code}": m.name for m in Municipality.objects.filter(code__in=places)},
    }


@dataclass(frozen=True)
class Reason:
    """A reason in words; a fact that is neither met nor failed (the staff) has no status."""

    status: str | None
    text: str

    @property
    def status_label(self) -> str:
        if self.status is None:
            return ""
        return {
            fit.Status.MEETS: pgettext("fit", "meets"),
            fit.Status.FAILS: pgettext("fit", "does not meet"),
            fit.Status.UNKNOWN: pgettext("fit", "unknown"),
            fit.Status.NOT_APPLICABLE: pgettext("fit", "does not apply"),
        }[self.status]


def _trade_reason(match: fit.TradeMatch, names) -> Reason:
    values = {
        "cpv": names.get(f"cpv:{match.opportunity_cpv}", match.opportunity_cpv),
        "link_cpv": match.link.cpv,
        "link_sni": names.get(f"sni:{match.link.sni}", match.link.sni),
        "sni": names.get(f"sni:{match.enterprise_sni}", match.enterprise_sni),
    }
    if match.value == 1:
        text = _(
            "Sells what is bought: %(cpv)s is covered by the link CPV %(link_cpv)s ↔ SNI "
            "%(link_sni)s, and the enterprise works in %(sni)s."
        )
    else:
        text = _(
            "May sell what is bought: %(cpv)s is covered by the link CPV %(link_cpv)s ↔ SNI "
            "%(link_sni)s; the enterprise gives only the broader %(sni)s."
        )
    return Reason(fit.Status.MEETS, text % values)


def _service_reason(services: tuple[str, ...]) -> Reason:
    text = ngettext(
        "Names a service the opportunity asks for: %(services)s.",
        "Names services the opportunity asks for: %(services)s.",
        len(services),
    )
    return Reason(fit.Status.MEETS, text % {"services": ", ".join(services)})


def _place_reason(each: fit.Fit, names) -> Reason:
    texts = {
        fit.Status.MEETS: _("Serves where the work is done: %(places)s."),
        fit.Status.FAILS: _("Does not serve where the work is done."),
        fit.Status.UNKNOWN: _("Has not said which municipalities it serves."),
        fit.Status.NOT_APPLICABLE: _("The opportunity names no place."),
    }
    places = ", ".join(names.get(f"place:{code}", code) for code in each.places)
    return Reason(each.place_status, texts[each.place_status] % {"places": places})


def _capacity_reason(each: fit.Fit) -> Reason:
    if each.staff_count is None:
        return Reason(fit.Status.UNKNOWN, _("Has not given its number of staff."))
    text = ngettext(
        "Capacity: %(count)s employee.", "Capacity: %(count)s employees.", each.staff_count
    )
    return Reason(None, text % {"count": each.staff_count})


def _reserved_reason(check: fit.ReservedCheck) -> Reason:
    texts = {
        fit.Status.MEETS: _(
            "The 30 %% rule of reserved contracts: %(target)s of %(staff)s employees come from "
            "the target group, %(share)s %%."
        ),
        fit.Status.FAILS: _(
            "The 30 %% rule of reserved contracts: only %(target)s of %(staff)s employees come "
            "from the target group, %(share)s %%."
        ),
        fit.Status.UNKNOWN: _(
            "The 30 %% rule of reserved contracts: the enterprise has not given how many of its "
            "staff come from the target group."
        ),
    }
    values = {"target": check.from_target_group, "staff": check.staff_count, "share": check.share}
    return Reason(check.status, texts[check.status] % values)


def explain(fits) -> list[list[Reason]]:
    """Each fit's reasons in words, best trade link first; None for no fit at all."""
    present = [each for each in fits if each is not None]
    names = _names_of_codes(present) if present else {}
    explained = []
    for each in fits:
        if each is None:
            explained.append([])
            continue
        reasons = [_trade_reason(match, names) for match in each.trade[:3]]
        if each.services:
            reasons.append(_service_reason(each.services))
        if each.reserved.status != fit.Status.NOT_APPLICABLE:
            reasons.append(_reserved_reason(each.reserved))
        reasons += [_place_reason(each, names), _capacity_reason(each)]
        explained.append(reasons)
    return explained


def suggestions_for(opportunity: Opportunity, user) -> list[Suggestion]:
    """The enterprises the user may see whose trade fits, best first."""
    profiles = {
        profile.organisation_id: profile
        for profile in SocialEnterprise.objects.visible_to(user)
        .filter(organisation__kind=Organisation.Kind.SOCIAL_ENTERPRISE)
        .with_related()
    }
    ranked = fit.rank_enterprises(
        opportunity_facts(opportunity),
        [enterprise_facts(profile) for profile in profiles.values()],
        links(),
    )
    invited = {
        invitation.enterprise_id: invitation
        for invitation in opportunity.invitations.select_related("invited_by")
    }
    return [
        Suggestion(profiles[each.enterprise.id], each, invited.get(each.enterprise.id), reasons)
        for each, reasons in zip(ranked, explain(ranked), strict=True)
    ]


def opportunities_for(enterprises, opportunities) -> list[tuple[Opportunity, fit.Fit | None]]:
    """Open opportunities, those that fit one of the enterprises first, best first."""
    profiles = SocialEnterprise.objects.filter(organisation__in=enterprises).with_related()
    facts = [enterprise_facts(profile) for profile in profiles]
    opportunities = list(with_fit_facts(opportunities))
    best = fit.rank_opportunities([opportunity_facts(o) for o in opportunities], facts, links())
    pairs = list(zip(opportunities, best, strict=True))
    # A stable sort keeps the caller's order (the newest first) among equal fits.
    pairs.sort(key=lambda pair: pair[1].sort_key if pair[1] else (True, 0, 0))
    return pairs


class AlreadyInvited(Exception):
    def __init__(self, invitation: Invitation):
        self.invitation = invitation


class NotOpen(Exception):
    pass


def invite(opportunity: Opportunity, enterprise: Organisation, *, actor) -> Invitation:
    """Invite a social enterprise to tender; the e-mail goes once the invitation is saved."""
    if opportunity.status != Opportunity.Status.PUBLISHED:
        raise NotOpen
    existing = opportunity.invitations.filter(enterprise=enterprise).first()
    if existing:
        raise AlreadyInvited(existing)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                opportunity=opportunity, enterprise=enterprise, invited_by=actor
            )
    except IntegrityError:
        # Two buyers clicking at once: the other invitation stands.
        raise AlreadyInvited(opportunity.invitations.get(enterprise=enterprise)) from None
    # The invitation sends the enterprise's users' addresses a message: recorded as made.
    audit_event_record(actor=actor, action=AuditEvent.Action.CREATE, target=invitation)
    transaction.on_commit(lambda: send_invitation.enqueue(invitation.pk))
    return invitation


def invitation_recipients(enterprise: Organisation) -> list[str]:
    emails = User.objects.filter(
        is_active=True,
        memberships__organisation=enterprise,
        memberships__role=Role.ENTERPRISE,
    ).values_list("email", flat=True)
    recipients = sorted({email for email in emails if email})
    if enterprise.email and enterprise.email not in recipients:
        recipients.append(enterprise.email)
    return recipients


@task()
def send_invitation(invitation_id: int) -> int:
    invitation = Invitation.objects.select_related("opportunity__buyer", "enterprise").get(
        pk=invitation_id
    )
    recipients = invitation_recipients(invitation.enterprise)
    if not recipients:
        return 0
    opportunity = invitation.opportunity
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "opportunity": opportunity,
            "site_url": settings.SITE_URL,
        }
        message = EmailMessage(
            subject=_("Invitation to tender: %(title)s") % {"title": opportunity.title},
            body=render_to_string("procurement/matching/email/invitation.txt", context),
            to=recipients,
        )
        return message.send()
