from django.conf import settings

from . import navigation


def site(request) -> dict:
    entries = navigation.items_for(request.user, request.path)
    return {
        "public_navigation": [entry for entry in entries if entry["public"]],
        "work_navigation": [entry for entry in entries if not entry["public"]],
        "contact_email": settings.CONTACT_EMAIL,
    }
