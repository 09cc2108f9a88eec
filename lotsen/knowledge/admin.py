from django.contrib import admin
from django.db import models

from lotsen.core.admin_site import KeyCheckedAutocompleteMixin
from lotsen.core.widgets import PrivateFileInput

from .models import Resource


@admin.register(Resource)
class ResourceAdmin(KeyCheckedAutocompleteMixin, admin.ModelAdmin):
    # The stock widget links to the media address, which is not served.
    formfield_overrides = {models.FileField: {"widget": PrivateFileInput}}
    list_display = ["title", "kind", "audience", "author_organisation", "status", "published_at"]
    list_filter = ["kind", "audience", "status", "support_areas"]
    search_fields = ["title", "summary"]
    autocomplete_fields = ["author_organisation"]
    filter_horizontal = ["support_areas", "related"]
    readonly_fields = ["slug", "created_by", "created_at", "updated_at"]
