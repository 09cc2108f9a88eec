from django.contrib import admin

from .models import (
    Contribution,
    DeliveredEffort,
    Expenditure,
    Plan,
    PlanItem,
    PlanRevision,
    Scenario,
)


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0


class PlanRevisionInline(admin.TabularInline):
    model = PlanRevision
    extra = 0
    readonly_fields = ["reason", "changes", "made_by", "made_at"]
    can_delete = False


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["year", "model", "status", "pot_budget", "adopted_on"]
    # Adoption and revisions go through the workflow, never through the admin.
    readonly_fields = ["status", "adopted_on", "adopted_by", "over_budget_reason", "closed_on"]
    inlines = [PlanItemInline, PlanRevisionInline]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["party", "year", "amount", "hours", "paid_on"]
    list_filter = ["year"]


@admin.register(Expenditure)
class ExpenditureAdmin(admin.ModelAdmin):
    list_display = ["spent_on", "area", "supplier", "net_amount", "vat", "gross_amount"]
    list_filter = ["plan__year", "area"]
    readonly_fields = ["vat", "gross_amount", "recorded_by", "recorded_at"]


@admin.register(DeliveredEffort)
class DeliveredEffortAdmin(admin.ModelAdmin):
    list_display = ["party", "area", "year", "hours"]
    list_filter = ["year"]


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["name", "mix_bought_percent", "created_at"]
