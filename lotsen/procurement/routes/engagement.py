"""The URLs of engagement; urls.py gathers every part's."""

from django.urls import path

from ..views import engagement, engagement_consortia, engagement_networks

CONSORTIUM = "<slug:slug>/konsortier/<int:pk>/"

urlpatterns: list = [
    path("natverk/", engagement_networks.network_list, name="network_list"),
    path("natverk/nytt/", engagement_networks.network_edit, name="network_create"),
    path("natverk/<int:pk>/", engagement_networks.network_detail, name="network_detail"),
    path("natverk/<int:pk>/andra/", engagement_networks.network_edit, name="network_edit"),
    path("natverk/<int:pk>/ga-med/", engagement_networks.network_join, name="network_join"),
    path("natverk/<int:pk>/lamna/", engagement_networks.network_leave, name="network_leave"),
    path("<slug:slug>/fragor/", engagement.questions, name="questions"),
    path(
        "<slug:slug>/fragor/<int:pk>/svara/",
        engagement.question_answer,
        name="question_answer",
    ),
    path("<slug:slug>/intresse/", engagement.interest_declare, name="interest_declare"),
    path(
        "<slug:slug>/intresse/ta-tillbaka/",
        engagement.interest_withdraw,
        name="interest_withdraw",
    ),
    path("<slug:slug>/intresserade/", engagement.interest_list, name="interest_list"),
    path("<slug:slug>/konsortier/", engagement_consortia.consortium_list, name="consortium_list"),
    path(
        "<slug:slug>/konsortier/nytt/",
        engagement_consortia.consortium_create,
        name="consortium_create",
    ),
    path(CONSORTIUM, engagement_consortia.consortium_detail, name="consortium_detail"),
    path(
        CONSORTIUM + "meddelanden/",
        engagement_consortia.consortium_message,
        name="consortium_message",
    ),
    path(
        CONSORTIUM + "filer/<int:message_pk>/",
        engagement_consortia.consortium_attachment,
        name="consortium_attachment",
    ),
    path(
        CONSORTIUM + "medlemmar/",
        engagement_consortia.consortium_member_add,
        name="consortium_member_add",
    ),
    path(
        CONSORTIUM + "medlemmar/<int:member_pk>/ta-bort/",
        engagement_consortia.consortium_member_remove,
        name="consortium_member_remove",
    ),
    path(
        CONSORTIUM + "checklista/",
        engagement_consortia.consortium_checklist_add,
        name="consortium_checklist_add",
    ),
    path(
        CONSORTIUM + "checklista/<int:item_pk>/",
        engagement_consortia.consortium_checklist_toggle,
        name="consortium_checklist_toggle",
    ),
]
