from django.contrib import admin

from .models import ProgressDimension


# Only configuration lives in the admin; personal data is reached through the
# audited pages of the app, never here.
@admin.register(ProgressDimension)
class ProgressDimensionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_sv", "name_en", "position", "active"]
    list_editable = ["position", "active"]
