from django.contrib import admin

from .models import County, Industry, Municipality, Occupation


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county"]
    list_filter = ["county"]
    search_fields = ["code", "name"]


@admin.register(Industry, Occupation)
class ClassificationAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "name"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
