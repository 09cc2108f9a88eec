from django.urls import path

from . import views

app_name = "integrations"
urlpatterns = [
    path("", views.key_list, name="key_list"),
    path("ny/", views.key_create, name="key_create"),
    path("<int:pk>/aterkalla/", views.key_revoke, name="key_revoke"),
]
