"""E-mail about requests, sent in the background.

Mails name the request by reference and link to it; the text of the request
itself (personal data) never travels by e-mail. The one text that does is the
reply the coordinator writes to the requester at triage (decision 0148).
"""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from lotsen.accounts.models import Membership, Role

REQUESTER_LINK_SALT = "lotsen.support.requester-link"


def requester_token(request_id: int) -> str:
    return signing.dumps(request_id, salt=REQUESTER_LINK_SALT)


def request_id_from_token(token: str, max_age_days: int) -> int | None:
    try:
        return int(signing.loads(token, salt=REQUESTER_LINK_SALT, max_age=max_age_days * 86400))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def _provider_emails(organisation_id: int | None) -> list[str]:
    if not organisation_id:
        return []
    return list(
        Membership.objects.filter(
            organisation_id=organisation_id, role=Role.PROVIDER, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def _requester_link(support_request) -> str:
    if support_request.requester_id:
        return settings.SITE_URL + support_request.get_absolute_url()
    token = requester_token(support_request.pk)
    return settings.SITE_URL + reverse("support:public_request", args=[token])


@task()
def notify_request_event(request_id: int, event: str, reply_id: int | None = None) -> None:
    """Tell the people concerned that a request has moved: `event` names what happened.

    `reply_id` names a message written to the requester; its text goes in their mail.
    """
    from .models import SupportRequest

    support_request = SupportRequest.objects.filter(pk=request_id).first()
    if support_request is None or support_request.erased_at:
        return
    staff_link = settings.SITE_URL + support_request.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        reference = support_request.reference
        to_requester = {
            "received": _("We have received your request %(reference)s and will answer soon."),
            "triaged": _("Your request %(reference)s has been passed on to %(provider)s."),
            "answered": _("Your request %(reference)s has been answered."),
            "forwarded": _("Your request %(reference)s has been forwarded to the right service."),
            "registered": _(
                "After your request %(reference)s you are registered for an event. "
                "The confirmation comes in an e-mail of its own."
            ),
            "started": _("Work on your request %(reference)s has started."),
            "message": _("There is a new message about your request %(reference)s."),
            "resolved": _(
                "Your request %(reference)s is resolved. Please tell us how the help was."
            ),
        }
        to_staff = {
            "received": _("A new request %(reference)s waits for triage."),
            "triaged": _("The request %(reference)s has been assigned to your organisation."),
            "reply": _("The requester has written about request %(reference)s."),
            "note": _("There is a new internal note on request %(reference)s."),
            "reopened": _("The request %(reference)s has been reopened by the requester."),
            "closed": _("The request %(reference)s has been closed."),
        }
        values = {
            "reference": reference,
            "provider": support_request.assigned_provider or "",
        }
        subject = _("Lotsen: request %(reference)s") % values
        if event in to_requester and support_request.requester_email:
            parts = [to_requester[event] % values]
            reply = (
                support_request.messages.filter(pk=reply_id, is_internal=False).first()
                if reply_id
                else None
            )
            if reply is not None:
                parts.append(_("Our reply:") + "\n" + reply.body)
            parts.append(_requester_link(support_request))
            body = "\n\n".join(parts)
            send_mail(subject, body, None, [support_request.requester_email])
        if event in to_staff:
            recipients = _provider_emails(support_request.assigned_provider_id)
            if event in ("received", "reply", "reopened", "closed"):
                recipients.append(settings.CONTACT_EMAIL)
            if recipients:
                body = to_staff[event] % values + "\n\n" + staff_link
                send_mail(subject, body, None, sorted(set(recipients)))
