"""Signing in, second factors and the user's own sessions: django-allauth's pages.

allauth's own URL names (account_login, mfa_index, usersessions_list…) are kept, since
allauth reverses them itself; its deprecated redirects and the pages of providers come
in only where Lotsen uses them (single sign-on, lotsen.federation).
"""

from allauth.urls import build_provider_urlpatterns
from django.urls import include, path

from . import views

urlpatterns = [
    path("sakerhet/", views.security, name="account_security"),
    path("", include("allauth.account.urls")),
    path("2fa/", include("allauth.mfa.urls")),
    path("sessioner/", include("allauth.usersessions.urls")),
    path("3rdparty/", include("allauth.socialaccount.urls")),
    *build_provider_urlpatterns(),
]
