from django.contrib import admin

from .models import (
    Award,
    Consortium,
    CpvCode,
    CpvIndustryLink,
    DirectAwardLimit,
    Opportunity,
    Purchase,
    SupplierNetwork,
)


@admin.register(CpvCode)
class CpvCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "name", "name_sv"]
    list_filter = ["level"]
    search_fields = ["code", "name", "name_sv"]


@admin.register(CpvIndustryLink)
class CpvIndustryLinkAdmin(admin.ModelAdmin):
    list_display = ["cpv", "industry", "note"]
    autocomplete_fields = ["cpv"]
    search_fields = ["cpv__code", "cpv__name", "industry__code", "industry__name"]


@admin.register(DirectAwardLimit)
class DirectAwardLimitAdmin(admin.ModelAdmin):
    list_display = ["act", "valid_from", "amount", "source"]


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "buyer", "kind", "status", "tenders_due"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    autocomplete_fields = ["main_cpv"]
    raw_id_fields = ["additional_cpv"]


admin.site.register([Award, Consortium, Purchase, SupplierNetwork])
