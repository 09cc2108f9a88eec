from django.urls import path

from . import views
from .models import Resource

app_name = "knowledge"
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("ny/", views.resource_edit, name="create"),
    path("<slug:slug>/", views.resource_detail, name="detail"),
    path("<slug:slug>/andra/", views.resource_edit, name="edit"),
    path("<slug:slug>/bilaga.pdf", views.resource_attachment, name="attachment"),
    path(
        "<slug:slug>/publicera/",
        views.resource_transition,
        {"status": Resource.Status.PUBLISHED},
        name="publish",
    ),
    path(
        "<slug:slug>/avpublicera/",
        views.resource_transition,
        {"status": Resource.Status.DRAFT},
        name="unpublish",
    ),
]
