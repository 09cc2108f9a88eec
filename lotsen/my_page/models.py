"""A participant's own account: the user their e-legitimation signs in as (decision 0203)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantAccountQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ParticipantAccountQuerySet":
        from . import policies

        return policies.accounts_visible_to(user, self)


class ParticipantAccount(models.Model):
    """The link between a participant and the user of their own page.

    Made at the participant's first sign-in with e-legitimation; the user has no
    password and no membership, so it can reach nothing but the participant's own page.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participant_account"
    )
    participant = models.OneToOneField(
        "placements.Participant", on_delete=models.CASCADE, related_name="account"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ParticipantAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant account")
        verbose_name_plural = _("participant accounts")

    def __str__(self) -> str:
        return f"account of {self.participant_id}"
