"""The login page's list of identity providers, as the include renders it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def render_choices() -> str:
    request = RequestFactory().get("/konto/logga-in/")
    request.user = AnonymousUser()
    return render_to_string(
        "federation/includes/login_choices.html", {"next": "/oversikt/"}, request=request
    )


def test_it_lists_each_accepted_identity_provider(saml_on):
    html = render_choices()
    assert "Logga in med din organisation" in html
    assert "Testkommunen" in html
    assert "/inloggning/saml/logga-in/?idp=http%3A%2F%2F127.0.0.1" in html
    assert "next=/oversikt/" in html or "next=%2Foversikt%2F" in html


def test_it_lists_each_openid_connect_provider_as_a_form(oidc_on):
    html = render_choices()
    assert 'action="/konto/oidc/broker/login/" method="post"' in html
    assert "Testbrokern" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_it_shows_nothing_while_single_sign_on_is_off():
    assert render_choices().strip() == ""
