from django.contrib import admin

from .models import Invitation, Question, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "key", "text", "type", "required", "version", "is_current"]
    readonly_fields = ["key", "version", "is_current"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "round_label", "closes_at", "anonymous"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    inlines = [QuestionInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    # Responses are not in the admin: named ones are personal data read through
    # the audited response page, and anonymous ones must stay unlinkable.
    list_display = ["survey", "organisation", "email", "answered", "sent_at", "reminded_at"]
    list_filter = ["answered"]
    readonly_fields = ["key"]
