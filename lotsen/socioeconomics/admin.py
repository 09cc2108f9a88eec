from django.contrib import admin

from .models import Parameter, ParameterVersion


class ParameterVersionInline(admin.TabularInline):
    model = ParameterVersion
    extra = 0
    can_delete = False
    readonly_fields = ["low", "value", "high", "note", "edited_by", "edited_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Parameter)
class ParameterAdmin(admin.ModelAdmin):
    # Values are edited on the estimate's own page, which keeps the history.
    list_display = ["key", "actor", "unit", "low", "value", "high", "to_review", "edited_at"]
    readonly_fields = [field.name for field in Parameter._meta.fields]
    inlines = [ParameterVersionInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
