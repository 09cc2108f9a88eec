"""The URLs of publishing; urls.py gathers every part's."""

from django.urls import path

from ..views import publishing as views

urlpatterns: list = [
    path("", views.opportunity_list, name="list"),
    path("mina/", views.my_opportunities, name="mine"),
    path("ny/", views.opportunity_edit, name="create"),
    path("<slug:slug>/", views.opportunity_detail, name="detail"),
    path("<slug:slug>/andra/", views.opportunity_edit, name="edit"),
    path("<slug:slug>/status/", views.opportunity_move, name="move"),
    path("<slug:slug>/dokument/", views.documents, name="documents"),
    path("<slug:slug>/dokument/<int:pk>/", views.document, name="document"),
    path("<slug:slug>/dokument/<int:pk>/ta-bort/", views.document_delete, name="document_delete"),
]
