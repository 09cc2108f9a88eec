from django.contrib import admin
from django.db import models

from lotsen.accounts.admin import RolesNeedFreshSignIn
from lotsen.accounts.models import Membership
from lotsen.core.admin_site import KeyCheckedAutocompleteMixin
from lotsen.core.widgets import PrivateFileInput

from .forms import OrganisationForm
from .models import ActorMapping, Organisation, Service, SocialEnterprise


class MembershipInline(KeyCheckedAutocompleteMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(RolesNeedFreshSignIn, admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["name", "kind", "org_number", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name", "org_number"]
    inlines = [MembershipInline]


@admin.register(SocialEnterprise)
class SocialEnterpriseAdmin(admin.ModelAdmin):
    # The stock widget links to the media address, which is not served.
    formfield_overrides = {models.ImageField: {"widget": PrivateFileInput}}
    list_display = ["organisation", "legal_form", "verification_status", "is_public"]
    list_filter = ["verification_status", "is_public", "legal_form", "takes_trainees"]
    search_fields = ["organisation__name", "organisation__org_number"]
    filter_horizontal = ["industries", "services", "municipalities_served"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(ActorMapping)
class ActorMappingAdmin(admin.ModelAdmin):
    list_display = ["organisation", "support_role", "knowledge", "interest", "last_contact"]
    list_filter = ["support_role", "knowledge", "interest"]
    filter_horizontal = ["support_areas"]
