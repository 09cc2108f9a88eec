"""E-mail of invitations and reminders, run in the background."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .models import Invitation


def _send(invitation: Invitation, template: str) -> None:
    with translation.override("sv"):
        context = {"invitation": invitation, "survey": invitation.survey}
        subject = render_to_string(f"surveys/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"surveys/email/{template}.txt", context)
    send_mail(subject, body, None, [invitation.email])


@task()
def send_invitation(invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("survey").filter(pk=invitation_id).first()
    if invitation is None or invitation.sent_at or not invitation.email:
        return
    _send(invitation, "invitation")
    Invitation.objects.filter(pk=invitation_id).update(sent_at=timezone.now())


@task()
def send_reminder(invitation_id: int) -> None:
    """Remind one recipient, unless they have answered or the survey stopped taking answers."""
    invitation = (
        Invitation.objects.unanswered()
        .exclude(email="")
        .select_related("survey")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.survey.is_accepting_answers:
        return
    _send(invitation, "reminder")
    now = timezone.now()
    # The reminder carries the link, so it also counts as the invitation when none went out.
    Invitation.objects.filter(pk=invitation_id).update(
        reminded_at=now, sent_at=invitation.sent_at or now
    )
