import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from lotsen.audit.models import AuditEvent

from .. import services
from ..models import Participant, ParticipantIdentity, Referral, RetentionPurge
from .factories import register


def _close_episode(participant, days_ago: int) -> None:
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    Referral.objects.filter(participant=participant).update(
        status=Referral.Status.WITHDRAWN, status_changed_at=moment
    )


def test_identity_is_erased_after_the_retention_time(caseworker, settings):
    settings.IDENTITY_RETENTION_DAYS = 365
    expired = register(caseworker, name="Gammal Deltagare")
    recent = register(caseworker, name="Ny Deltagare")
    ongoing = register(caseworker, name="Pågående Deltagare")
    _close_episode(expired, days_ago=400)
    _close_episode(recent, days_ago=100)
    Referral.objects.filter(participant=ongoing).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=900)
    )

    purge = services.identities_erase_expired()

    assert purge.erased == 1
    erased = ParticipantIdentity.objects.get(participant=expired)
    assert erased.erased_at and erased.name == "" and erased.identity_number_hash is None
    assert ParticipantIdentity.objects.get(participant=recent).name == "Ny Deltagare"
    assert ParticipantIdentity.objects.get(participant=ongoing).name == "Pågående Deltagare"
    # The pseudonymous statistics stay.
    assert Participant.objects.get(pk=expired.pk).gender == "woman"
    assert AuditEvent.objects.filter(action="erase", object_label=expired.code).count() == 1


def test_the_retention_run_is_safe_to_repeat_and_logged(caseworker, settings):
    settings.IDENTITY_RETENTION_DAYS = 30
    _close_episode(register(caseworker), days_ago=60)
    out = StringIO()
    call_command("erase_expired_identities", stdout=out)
    call_command("erase_expired_identities", stdout=out)
    assert list(RetentionPurge.objects.order_by("ran_at").values_list("erased", flat=True)) == [
        1,
        0,
    ]
    assert "Erased 1 identities" in out.getvalue()


def test_the_dry_run_lists_the_codes_due_and_changes_nothing(caseworker, settings):
    settings.IDENTITY_RETENTION_DAYS = 30
    expired = register(caseworker, name="Gammal Deltagare")
    recent = register(caseworker, name="Ny Deltagare")
    _close_episode(expired, days_ago=60)
    _close_episode(recent, days_ago=10)
    events = AuditEvent.objects.count()
    out = StringIO()

    call_command("erase_expired_identities", "--dry-run", stdout=out)

    assert "would erase the identity" in out.getvalue()
    assert "of 1." in out.getvalue()
    assert expired.code in out.getvalue()
    assert recent.code not in out.getvalue()
    assert "Gammal" not in out.getvalue()
    assert ParticipantIdentity.objects.get(participant=expired).name == "Gammal Deltagare"
    assert not RetentionPurge.objects.exists()
    assert AuditEvent.objects.count() == events
