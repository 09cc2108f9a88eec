"""Engagement with an opportunity: interest, questions and answers, and what the
opportunity's page shows of them (`engagement_context`)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lotsen.accounts.models import Role, User
from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record

from .models import Interest, Opportunity, Question
from .policies import engagement as policies


class EngagementRefused(ValidationError):
    """A refused step of engagement; `code` says which."""


def users_of(enterprises, role: str = Role.ENTERPRISE) -> list[str]:
    """The e-mail addresses of the active users holding `role` in the organisations."""
    addresses = User.objects.filter(
        is_active=True, memberships__organisation__in=enterprises, memberships__role=role
    ).values_list("email", flat=True)
    return sorted({address for address in addresses if address})


def mail_on_commit(recipients: list[str], subject: str, body: str, path: str) -> None:
    """Send in Swedish once the change is committed, so no mail tells of a rolled-back step."""
    if not recipients:
        return
    link = settings.SITE_URL + path

    def send() -> None:
        send_mail(subject, f"{body}\n\n{link}", None, recipients)

    transaction.on_commit(send)


def _open_or_refuse(opportunity: Opportunity) -> None:
    if not policies.is_open(opportunity):
        raise EngagementRefused(
            _("The opportunity is no longer open for tenders."), code="not_open"
        )


def interest_declare(*, user, opportunity: Opportunity) -> Interest:
    _open_or_refuse(opportunity)
    enterprise = policies.acting_enterprise(user)
    if enterprise is None:
        raise EngagementRefused(
            _("Only a social enterprise's users can declare interest."), code="no_enterprise"
        )
    try:
        with transaction.atomic():
            return Interest.objects.create(
                opportunity=opportunity, enterprise=enterprise, declared_by=user
            )
    except IntegrityError:
        raise EngagementRefused(
            _("%(enterprise)s has already declared its interest.") % {"enterprise": enterprise},
            code="already_interested",
        ) from None


def interest_withdraw(*, user, opportunity: Opportunity) -> None:
    _open_or_refuse(opportunity)
    deleted, _rows = Interest.objects.filter(
        opportunity=opportunity, enterprise__in=policies.enterprises_of(user)
    ).delete()
    if not deleted:
        raise EngagementRefused(
            _("Your enterprise has not declared interest."), code="not_interested"
        )


@transaction.atomic
def question_ask(*, user, opportunity: Opportunity, text: str) -> Question:
    if policies.acting_enterprise(user) is None:
        raise EngagementRefused(
            _("Only a social enterprise's users can ask questions."), code="no_enterprise"
        )
    if not policies.can_ask(user, opportunity):
        raise EngagementRefused(
            _("Questions about this opportunity are closed."), code="questions_closed"
        )
    question = Question.objects.create(opportunity=opportunity, text=text, asked_by=user)
    # Who asked is personal data, shown only to the buyer and the coordinator.
    audit_event_record(
        actor=user,
        action=AuditEvent.Action.CREATE,
        target=question,
        label=str(opportunity),
        reason="question asked",
    )
    with translation.override(settings.LANGUAGE_CODE):
        mail_on_commit(
            users_of([opportunity.buyer_id], Role.BUYER),
            _("Lotsen: a new question about %(title)s") % {"title": opportunity.title},
            _("An enterprise asks about %(title)s:\n\n%(text)s")
            % {"title": opportunity.title, "text": text},
            reverse("procurement:question_answer", args=[opportunity.slug, question.pk]),
        )
    return question


@transaction.atomic
def question_answer(*, user, question: Question, answer: str) -> Question:
    opportunity = question.opportunity
    if not policies.can_answer(user, opportunity):
        raise EngagementRefused(_("You cannot answer this question."), code="not_buyer")
    first_answer = question.answered_at is None
    question.answer = answer
    question.answered_by = user
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    interested = opportunity.interests.values("enterprise")
    with translation.override(settings.LANGUAGE_CODE):
        mail_on_commit(
            users_of(interested),
            (
                _("Lotsen: a question about %(title)s is answered")
                if first_answer
                else _("Lotsen: an answer about %(title)s is changed")
            )
            % {"title": opportunity.title},
            _("Question: %(question)s\n\nAnswer: %(answer)s")
            % {"question": question.text, "answer": answer},
            reverse("procurement:questions", args=[opportunity.slug]),
        )
    return question


def engagement_context(user, opportunity: Opportunity) -> dict:
    """What `procurement/engagement/opportunity_panel.html` needs, for one user."""
    enterprises = policies.enterprises_of(user) if user.is_authenticated else None
    interest = (
        opportunity.interests.filter(enterprise__in=enterprises).first() if enterprises else None
    )
    return {
        "opportunity": opportunity,
        "public_questions": list(opportunity.questions.exclude(answer="")),
        "interest": interest,
        "can_declare_interest": interest is None
        and user.is_authenticated
        and policies.can_declare_interest(user, opportunity),
        "can_withdraw_interest": interest is not None and policies.is_open(opportunity),
        "can_ask": user.is_authenticated and policies.can_ask(user, opportunity),
        "sees_engagement": user.is_authenticated and policies.sees_engagement_of(user, opportunity),
        "can_form_consortium": interest is not None and policies.is_open(opportunity),
        "sees_consortia": interest is not None or policies.is_coordinator(user),
    }
