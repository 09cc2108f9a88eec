"""What the audit trail records of what lower apps announce."""

from django.dispatch import receiver

from lotsen.core.signals import list_exported

from .models import AuditEvent
from .services import audit_event_record


@receiver(list_exported, dispatch_uid="lotsen_audit_list_export")
def list_export_recorded(sender, request, rows: int, file_format: str, **kwargs):
    audit_event_record(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        object_type=sender._meta.label_lower,
        label=f"{rows} rows",
        reason=f"list export ({file_format})",
    )
