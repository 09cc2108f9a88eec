"""Forms speak Django's Swedish, whichever installed library translates the same message."""

import gettext
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.utils import translation


def swedish_catalogue(locale: Path) -> dict:
    with (locale / "sv/LC_MESSAGES/django.mo").open("rb") as compiled:
        return gettext.GNUTranslations(compiled)._catalog


DJANGO_SWEDISH = swedish_catalogue(Path(django.__file__).parent / "conf/locale")


def reworded_by_libraries() -> set[str]:
    """Messages of Django's catalogue that an installed library translates otherwise."""
    reworded = set()
    for config in apps.get_app_configs():
        locale = Path(config.path) / "locale"
        if config.name.startswith("lotsen") or not (locale / "sv/LC_MESSAGES/django.mo").exists():
            continue
        for message, words in swedish_catalogue(locale).items():
            if isinstance(message, str) and message and DJANGO_SWEDISH.get(message, words) != words:
                reworded.add(message)
    return reworded


def test_some_library_rewords_a_django_message_so_the_check_below_means_something():
    assert "This field is required." in reworded_by_libraries()


@pytest.mark.parametrize("message", sorted(reworded_by_libraries()))
def test_a_message_a_library_rewords_reads_as_django_words_it(message):
    with translation.override("sv"):
        assert translation.gettext(message) == DJANGO_SWEDISH[message]
