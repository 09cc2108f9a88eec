"""The public directory of social enterprises, served at /foretag/."""

from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.directory_list, name="list"),
    path("min-profil/", views.profile_mine, name="mine"),
    path("granskning/", views.verification_queue, name="review"),
    path("oppna-data/", views.open_data, name="open_data"),
    path("oppna-data/sociala-foretag.csv", views.open_data_csv, name="open_data_csv"),
    path("oppna-data/sociala-foretag.json", views.open_data_json, name="open_data_json"),
    path(
        "oppna-data/sociala-foretag.tableschema.json",
        views.open_data_table_schema,
        name="open_data_table_schema",
    ),
    path(
        "oppna-data/sociala-foretag.schema.json",
        views.open_data_json_schema,
        name="open_data_json_schema",
    ),
    path("<slug:slug>/", views.directory_detail, name="detail"),
    path("<slug:slug>/logotyp/", views.directory_logo, name="logo"),
    path("<slug:slug>/bilder/<int:pk>/", views.directory_photo, name="photo"),
    path("<slug:slug>/andra/", views.profile_edit, name="edit"),
    path("<slug:slug>/historik/", views.profile_history, name="history"),
    path("<slug:slug>/verifiera/", views.profile_verify, name="verify"),
]
