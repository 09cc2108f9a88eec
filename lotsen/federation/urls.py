from django.urls import path

from . import views

app_name = "federation"
urlpatterns = [
    path("saml/", views.metadata, name="saml_metadata"),
    path("saml/logga-in/", views.login, name="saml_login"),
    path("saml/svar/", views.acs, name="saml_acs"),
]
