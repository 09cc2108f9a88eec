"""Django's own Swedish for the form messages that an installed library words differently.

A translation in an installed app outranks Django's own, so Django REST framework's
catalogue would turn "Detta fält måste fyllas i." into "Det här fältet är obligatoriskt."
on every form in Lotsen. Lotsen's apps outrank the libraries; naming these messages here
keeps Django's wording, the one the forms have always used, in the core catalogue.
`tests/test_form_wording.py` fails when a library starts to reword another one.
"""

from django.utils.translation import gettext_noop

KEPT_AS_DJANGO_WORDS_THEM = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("The submitted file is empty."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
)
