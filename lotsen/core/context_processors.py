from django.conf import settings

from . import navigation


def site(request) -> dict:
    return {
        "menu": navigation.menu_for(request.user, request.path),
        "home_url": navigation.home_url(request.user),
        "contact_email": settings.CONTACT_EMAIL,
    }
