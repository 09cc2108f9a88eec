from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotsen.accounts.policies import can_use_admin


class LotsenAdminSite(admin.AdminSite):
    """The Django admin, open to the system administrator role only."""

    site_header = _("Lotsen – system administration")
    site_title = _("Lotsen administration")
    index_title = _("Configuration, users and reference data")

    def has_permission(self, request) -> bool:
        return can_use_admin(request.user)

    def login(self, request, extra_context=None):
        # One login page for the whole service; the admin has none of its own.
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(
            request.GET.get("next", reverse("admin:index")), reverse("accounts:login")
        )
