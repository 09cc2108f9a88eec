from django.contrib import admin

from .models import Mentor, Offer, SupportAreaTarget


@admin.register(SupportAreaTarget)
class SupportAreaTargetAdmin(admin.ModelAdmin):
    list_display = ["area", "first_response_days", "resolution_days"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "area", "format", "cost", "is_published"]
    list_filter = ["is_published", "format", "cost", "area"]
    search_fields = ["title", "provider__name"]


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    list_display = ["full_name", "organisation", "capacity", "is_active"]
    filter_horizontal = ["areas", "municipalities"]
