"""E-mail of invitations and reminders, run in the background."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .models import Invitation, Survey


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
def send_reminders(survey_id: int) -> int:
    """Remind those invited who have not answered, while the survey is open."""
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None or not survey.is_accepting_answers:
        return 0
    reminded = 0
    for invitation in (
        survey.invitations.unanswered()
        .exclude(email="")
        .exclude(sent_at=None)
        .select_related("survey")
    ):
        _send(invitation, "reminder")
        Invitation.objects.filter(pk=invitation.pk).update(reminded_at=timezone.now())
        reminded += 1
    return reminded
