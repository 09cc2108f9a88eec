from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from lotsen.core.admin_site import KeyCheckedAutocompleteMixin

from .models import Membership, User
from .reauthentication import demand_fresh_sign_in


class RolesNeedFreshSignIn:
    """Saving a form that can change who holds which role asks for password and code again.

    The form is shown again after the steps, to be sent once more (decision 0188).
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            response = demand_fresh_sign_in(request, back_to=request.get_full_path())
            if response:
                return response
        return super().changeform_view(request, object_id, form_url, extra_context)


class MembershipInline(KeyCheckedAutocompleteMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(RolesNeedFreshSignIn, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "last_login"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "memberships__role"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal information"), {"fields": ["full_name"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = []
