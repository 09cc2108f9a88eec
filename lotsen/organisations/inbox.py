"""What waits for the coordinator in the inbox: enterprise profiles to verify."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotsen.core.inbox import InboxItem, InboxSection

from . import policies
from .models import SocialEnterprise, VerificationStatus

SHOWN = 5


def profiles_awaiting_verification(user) -> list[InboxSection]:
    if not policies.can_verify(user):
        return []
    waiting = (
        SocialEnterprise.objects.visible_to(user)
        .filter(verification_status=VerificationStatus.PENDING)
        .select_related("organisation")
        .order_by("updated_at")
    )
    total = waiting.count()
    if not total:
        return []
    items = [
        InboxItem(
            title=profile.organisation.name,
            url=reverse("directory:verify", args=[profile.organisation.slug]),
            since=profile.updated_at,
        )
        for profile in waiting[:SHOWN]
    ]
    return [
        InboxSection(
            _("Enterprise profiles to verify"),
            items,
            total=total,
            more_url=reverse("directory:review"),
        )
    ]
