"""Drafts waiting for an editor, on "My overview"."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotsen.core.inbox import InboxItem, InboxSection

from . import policies
from .models import Resource

LISTED = 5


def draft_resources(user) -> Iterator[InboxSection]:
    if not policies.can_create(user):
        return
    drafts = (
        Resource.objects.visible_to(user)
        .filter(status=Resource.Status.DRAFT)
        .select_related("author_organisation")
        .order_by("-updated_at")
    )
    listed = list(drafts[:LISTED])
    if not listed:
        return
    yield InboxSection(
        _("Drafts in the knowledge node"),
        [
            InboxItem(
                title=draft.title,
                url=draft.get_absolute_url(),
                since=draft.updated_at,
                detail=draft.author_organisation.name,
            )
            for draft in listed
        ],
        total=drafts.count(),
        more_url=reverse("knowledge:list"),
    )
