from django.contrib import admin

from lotsen.core.admin_site import KeyCheckedAutocompleteMixin

from .models import Resource


@admin.register(Resource)
class ResourceAdmin(KeyCheckedAutocompleteMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "audience", "author_organisation", "status", "published_at"]
    list_filter = ["kind", "audience", "status", "support_areas"]
    search_fields = ["title", "summary"]
    autocomplete_fields = ["author_organisation"]
    filter_horizontal = ["support_areas", "related"]
    readonly_fields = ["slug", "created_by", "created_at", "updated_at"]
