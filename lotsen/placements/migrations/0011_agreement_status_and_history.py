"""Agreements get a status of their own, and the pilot function's history is rebuilt.

An agreement both parties approved is approved. The steps of referrals and placements
taken before the history was kept are rebuilt from the audit trail, which recorded each
one (decision 0196): in time order, each step's "from" is the step before, the first one's
the status a new referral or placement starts in. Referrals placed and placements agreed
take the time and the party of the agreement's last approval.
"""

import re
from collections import defaultdict

from django.db import migrations, models
from django.db.models.functions import Greatest

REFERRAL_STEP = re.compile(r"^referral (\w+)$")
PLACEMENT_STEPS = {
    "proposal accepted": "accepted",
    "proposal declined": "declined",
    "placement started": "active",
    "placement cancelled": "cancelled",
}
ENDED = "placement ended: "
WITHDRAWN = "proposal withdrawn: "


def _placement_step(reason: str) -> tuple[str, str] | None:
    """The status a placement event's reason names, with the reason given for the step."""
    if reason in PLACEMENT_STEPS:
        return PLACEMENT_STEPS[reason], ""
    if reason.startswith(ENDED):
        return "ended", ""
    if reason.startswith(WITHDRAWN):
        return "cancelled", reason.removeprefix(WITHDRAWN)
    return None


def rebuild(apps, schema_editor):
    Agreement = apps.get_model("placements", "PlacementAgreement")
    Referral = apps.get_model("placements", "Referral")
    Placement = apps.get_model("placements", "Placement")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    StatusChange = apps.get_model("core", "StatusChange")
    ContentType = apps.get_model("contenttypes", "ContentType")

    approved = Agreement.objects.filter(
        enterprise_approved_at__isnull=False, referrer_approved_at__isnull=False
    )
    approved.update(status="approved")
    if not Referral.objects.exists():
        return
    types = {
        model: ContentType.objects.get_or_create(app_label="placements", model=model)[0]
        for model in ("referral", "placement", "placementagreement")
    }
    # (content type, object id) -> [(time, to, actor id, reason)]
    steps = defaultdict(list)
    for agreement in approved.annotate(
        last=Greatest("enterprise_approved_at", "referrer_approved_at")
    ).select_related("placement"):
        by = (
            agreement.enterprise_approved_by_id
            if agreement.last == agreement.enterprise_approved_at
            else agreement.referrer_approved_by_id
        )
        steps[types["placementagreement"], agreement.pk].append(
            (agreement.last, "approved", by, "")
        )
        steps[types["placement"], agreement.placement_id].append(
            (agreement.last, "agreed", by, "")
        )
        steps[types["referral"], agreement.placement.referral_id].append(
            (agreement.last, "placed", by, "")
        )
    events = AuditEvent.objects.filter(
        action="change", object_type__in=["placements.referral", "placements.placement"]
    ).order_by("occurred_at", "id")
    referrals = set(Referral.objects.values_list("pk", flat=True))
    placements = set(Placement.objects.values_list("pk", flat=True))
    for event in events.iterator():
        if not event.object_id.isdigit():
            continue
        pk = int(event.object_id)
        if event.object_type == "placements.referral" and pk in referrals:
            match = REFERRAL_STEP.match(event.reason)
            if match:
                steps[types["referral"], pk].append(
                    (event.occurred_at, match[1], event.actor_id, "")
                )
        elif event.object_type == "placements.placement" and pk in placements:
            step = _placement_step(event.reason)
            if step:
                steps[types["placement"], pk].append(
                    (event.occurred_at, step[0], event.actor_id, step[1])
                )
    first = {types["referral"]: "received", types["placement"]: "proposed"}
    first[types["placementagreement"]] = "awaiting_approval"
    rows = []
    for (content_type, pk), taken in steps.items():
        if StatusChange.objects.filter(content_type=content_type, object_id=pk).exists():
            continue
        previous = first[content_type]
        for at, status, actor_id, reason in sorted(taken, key=lambda step: step[0]):
            rows.append(
                StatusChange(
                    content_type=content_type,
                    object_id=pk,
                    from_status=previous,
                    to_status=status,
                    actor_id=actor_id,
                    reason=reason[:500],
                    changed_at=at,
                    rebuilt=True,
                )
            )
            previous = status
    StatusChange.objects.bulk_create(rows, batch_size=1000)


def forget(apps, schema_editor):
    StatusChange = apps.get_model("core", "StatusChange")
    StatusChange.objects.filter(content_type__app_label="placements", rebuilt=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_sign_in_action"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_status_history"),
        ("placements", "0010_participantidentity_name_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="placementagreement",
            name="status",
            field=models.CharField(
                choices=[
                    ("awaiting_approval", "Awaiting approval"),
                    ("approved", "Approved by the parties"),
                ],
                default="awaiting_approval",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(rebuild, forget),
    ]
