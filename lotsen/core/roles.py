"""The roles a person holds in the support structure, and the admin site's one rule.

Here in core, the lowest app, so that every app, core's own access rules included, can
name a role without importing the accounts app (decision 0195).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does in the support structure (DESIGN §1)."""

    COORDINATOR = "coordinator", _("Coordinator")
    CASEWORKER = "caseworker", _("Caseworker")
    ENTERPRISE = "enterprise", _("Enterprise representative")
    PROVIDER = "provider", _("Support provider")
    STEERING = "steering", _("Steering group")
    BUYER = "buyer", _("Buyer")
    ADMIN = "admin", _("System administrator")


def can_use_admin(user) -> bool:
    """Only system administrators reach the Django admin."""
    return bool(user.is_active and user.is_authenticated and user.has_role(Role.ADMIN))
