from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotsen.core.roles import can_use_admin


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
            request.GET.get("next", reverse("admin:index")), reverse("account_login")
        )


class KeyCheckedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete, re-rendering a refused form whose posted value is no key.

    Django looks the posted values up unchecked, so text where a number belongs
    would answer 500 instead of showing the form's error.
    """

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [key for key in value if self._is_key(key)], attr)

    def _is_key(self, value) -> bool:
        try:
            self.field.target_field.to_python(value)
        except ValidationError:
            return False
        return True


class KeyCheckedAutocompleteMixin:
    """For a model admin or inline with `autocomplete_fields`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                KeyCheckedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
