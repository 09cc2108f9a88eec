from django.db import transaction
from django.utils import timezone

from .models import VERSIONED_FIELDS, Parameter, ParameterVersion


@transaction.atomic
def parameter_edit(*, actor, parameter: Parameter) -> ParameterVersion:
    """Save a validated parameter and append the version it now is."""
    parameter.edited_by = actor
    parameter.edited_at = timezone.now()
    parameter.save()
    return ParameterVersion.objects.create(
        parameter=parameter,
        edited_by=actor,
        edited_at=parameter.edited_at,
        **{name: getattr(parameter, name) for name in VERSIONED_FIELDS},
    )
