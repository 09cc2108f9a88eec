from django.contrib import admin

from lotsen.accounts.models import Membership

from .forms import OrganisationForm
from .models import Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["name", "kind", "org_number", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name", "org_number"]
    inlines = [MembershipInline]
