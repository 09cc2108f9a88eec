from django.contrib import admin

from .models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    # Runs are written by the scheduler and the task worker; the admin only shows them.
    list_display = ["job", "slot", "outcome", "started_at", "finished_at", "claimed_by"]
    list_filter = ["outcome", "job"]
    date_hierarchy = "slot"
    readonly_fields = [field.name for field in JobRun._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
