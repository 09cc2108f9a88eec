from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .pipeline import placement_notify, placement_reminders_send


@task()
def notify_placement_steps(placement_id: int) -> int:
    """E-mail whoever a placement now waits on; sent right after the step that began it."""
    return placement_notify(placement_id).requests


@task()
def send_placement_reminders() -> dict:
    """The daily reminder run of the placement pipeline, as a task of its own."""
    return vars(placement_reminders_send())


@task()
def send_enterprise_invitation(user_id: int, placement_id: int, coordinator_id: int) -> None:
    """The invited contact's one-time link to choose a password, and what waits for them."""
    from lotsen.accounts.models import User

    from .models import Placement

    user = User.objects.get(pk=user_id)
    placement = Placement.objects.select_related("opening__enterprise").get(pk=placement_id)
    coordinator = User.objects.get(pk=coordinator_id)
    link = settings.SITE_URL + reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "coordinator": coordinator.get_full_name(),
            "enterprise": placement.opening.enterprise.name,
            "opening": placement.opening.title,
            "email": user.email,
        }
        body = (
            _(
                "%(coordinator)s, coordinator of the pilot function, invites you to Lotsen to "
                "answer for %(enterprise)s: a participant is proposed for %(opening)s.\n\n"
                "Choose your password with the link below. It works once and for a few days. "
                "You then sign in with your e-mail address, %(email)s."
            )
            % values
        )
        subject = _("Lotsen: an invitation to answer for %(enterprise)s") % values
        send_mail(subject, f"{body}\n\n{link}", None, [user.email])


@task()
def notify_duplicate_registration(participant_id: int, actor_id: int, party: str) -> None:
    """Tell the coordinators that someone outside a participant's scope entered their number.

    The user was told only that the person is registered; the coordinator, who sees
    every participant, links them (decision 0170).
    """
    from lotsen.accounts.models import User

    from .models import Participant
    from .pipeline import coordinator_emails

    participant = Participant.objects.get(pk=participant_id)
    actor = User.objects.get(pk=actor_id)
    link = settings.SITE_URL + participant.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "user": actor.get_full_name() or actor.email,
            "party": party or "-",
            "code": participant.code,
        }
        subject = _("Lotsen: %(code)s registered again by another party") % values
        body = (
            _(
                "%(user)s (%(party)s) entered the personnummer of %(code)s, who is already "
                "registered but outside their party's cases. They were told only that the "
                "person is registered and that you will link them. Open the participant "
                "and refer them for that party if they should be, or contact %(user)s."
            )
            % values
        )
        send_mail(subject, f"{body}\n\n{link}", None, coordinator_emails())
