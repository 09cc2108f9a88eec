from django.contrib import admin

from lotsen.core.admin_site import KeyCheckedAutocompleteMixin

from .models import Event, Registration


class RegistrationInline(KeyCheckedAutocompleteMixin, admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "organisation", "status", "attended", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["organisation"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "capacity", "visibility"]
    list_filter = ["kind", "visibility", "audience"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["organisers"]
    inlines = [RegistrationInline]
