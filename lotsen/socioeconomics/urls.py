from django.urls import path

from . import views

app_name = "socioeconomics"
urlpatterns = [
    path("", views.method, name="method"),
    path("parametrar/<slug:key>/", views.parameter_edit, name="parameter_edit"),
]
