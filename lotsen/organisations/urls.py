from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("ny/", views.organisation_edit, name="create"),
    path("import/", views.register_import, name="import"),
    path(
        "export/sociala-foretag.csv",
        views.register_export,
        {"file_format": "csv"},
        name="export_csv",
    ),
    path(
        "export/sociala-foretag.xlsx",
        views.register_export,
        {"file_format": "xlsx"},
        name="export_xlsx",
    ),
    path("aktorer/", views.actor_list, name="actors"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/andra/", views.organisation_edit, name="edit"),
    path("<slug:slug>/kartlaggning/", views.actor_edit, name="actor_edit"),
]
