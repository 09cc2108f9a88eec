"""allauth's messages that Lotsen words its own way in Swedish.

Listed here so that `makemessages` keeps them in this app's catalogue, which comes
before allauth's in INSTALLED_APPS and so is the one used.
"""

from django.utils.translation import gettext_noop

REWORDED = [
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Email address"),
    gettext_noop("Too many failed login attempts. Try again later."),
]
