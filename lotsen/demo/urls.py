from django.urls import path

from . import identity_provider as idp

app_name = "demo"
urlpatterns = [
    path(
        "e-legitimation/.well-known/openid-configuration",
        idp.discovery,
        name="idp_discovery",
    ),
    path("e-legitimation/authorize", idp.authorize, name="idp_authorize"),
    path("e-legitimation/token", idp.token, name="idp_token"),
    path("e-legitimation/userinfo", idp.userinfo, name="idp_userinfo"),
    path("e-legitimation/jwks", idp.jwks, name="idp_jwks"),
]
