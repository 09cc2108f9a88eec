"""What waits in funding: draft plans for the steering group to adopt."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from lotsen.core.inbox import InboxItem, InboxSection

from . import policies
from .models import Plan


def plans_to_adopt(user) -> Iterator[InboxSection]:
    if not policies.can_adopt(user):
        return
    drafts = list(
        Plan.objects.visible_to(user)
        .filter(status=Plan.Status.DRAFT, items__isnull=False)
        .distinct()
        .order_by("year")
    )
    if drafts:
        yield InboxSection(
            _("Plans to adopt"),
            [
                InboxItem(
                    _("Plan %(year)s") % {"year": plan.year},
                    plan.get_absolute_url(),
                    plan.created_at,
                    detail=plan.get_model_display(),
                    waiting_on=_("the steering group"),
                )
                for plan in drafts
            ],
        )
