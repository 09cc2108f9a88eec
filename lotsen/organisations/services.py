"""Writes that span a profile, its history and its verification."""

from django.db import transaction
from django.utils.translation import gettext as _

from lotsen.core.workflow import TransitionRefused

from .models import ProfileChange, SocialEnterprise, VerificationStatus

MANY_TO_MANY_FIELDS = ("industries", "services", "municipalities_served")


def _value_text(profile: SocialEnterprise, name: str) -> str:
    value = getattr(profile, name)
    if name == "industries":
        return ", ".join(sorted(industry.display_code for industry in value.all()))
    if name in MANY_TO_MANY_FIELDS:
        return ", ".join(sorted(str(item) for item in value.all()))
    if name == "target_groups":
        return ", ".join(sorted(value or []))
    if isinstance(value, bool):
        return "1" if value else "0"
    if name == "logo":
        return value.name or ""
    return "" if value is None else str(value)


HISTORY_FIELDS = (
    *SocialEnterprise.ELIGIBILITY_FIELDS,
    "founded_year",
    "industries",
    "services",
    "offer",
    "municipalities_served",
    "takes_trainees",
    "trainee_capacity",
    "target_groups",
    "languages",
    "premises_accessibility",
    "description",
    "logo",
    "is_public",
)


def profile_snapshot(profile: SocialEnterprise) -> dict[str, str]:
    """The profile's recorded fields as text, for comparing before and after a change."""
    if profile.pk is None:
        return {}
    return {name: _value_text(profile, name) for name in HISTORY_FIELDS}


def _record(profile, changed_by, field, old, new) -> ProfileChange:
    return ProfileChange(
        profile=profile, changed_by=changed_by, field=field, old_value=old, new_value=new
    )


@transaction.atomic
def profile_record_changes(
    *, profile: SocialEnterprise, before: dict[str, str], changed_by, needs_verification: bool
) -> list[ProfileChange]:
    """Write the history of a saved profile; eligibility changes go back for verification.

    `before` is `profile_snapshot()` taken before the change was saved.
    """
    profile.refresh_search_text()
    after = profile_snapshot(profile)
    changes = [
        _record(profile, changed_by, name, before.get(name, ""), value)
        for name, value in after.items()
        if before.get(name, "") != value
    ]
    eligibility_changed = any(
        change.field in SocialEnterprise.ELIGIBILITY_FIELDS for change in changes
    )
    if (
        needs_verification
        and eligibility_changed
        and profile.verification_status != VerificationStatus.PENDING
    ):
        old_status = profile.verification_status
        profile.set_verification(VerificationStatus.PENDING, actor=changed_by)
        changes.append(
            _record(
                profile, changed_by, "verification_status", old_status, profile.verification_status
            )
        )
    ProfileChange.objects.bulk_create(changes)
    return changes


@transaction.atomic
def profile_verify(*, profile: SocialEnterprise, status: str, note: str, verified_by) -> None:
    """The coordinator's decision on a profile; raises TransitionRefused when refused."""
    old_status = profile.verification_status
    if status == VerificationStatus.NEEDS_INFORMATION and not note.strip():
        raise TransitionRefused(_("Say what information is needed."), code="note_required")
    profile.set_verification(status, actor=verified_by, note=note)
    ProfileChange.objects.create(
        profile=profile,
        changed_by=verified_by,
        field="verification_status",
        old_value=old_status,
        new_value=status,
    )
