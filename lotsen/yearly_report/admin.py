from django.contrib import admin

from .models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    # Jobs are asked for on the report's own page; the admin only shows them.
    list_display = [
        "year",
        "status",
        "progress",
        "shows_small_cells",
        "requested_by",
        "requested_at",
    ]
    list_filter = ["status", "year"]
    readonly_fields = [field.name for field in ReportJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
