import re

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from lotsen.core.uploads import random_upload_name, rename_to_random_names
from lotsen.support.models import Message
from lotsen.support.tests.factories import SupportRequestFactory

RANDOM = r"[0-9a-f]{32}"


def test_a_random_name_keeps_only_a_plain_extension():
    assert re.fullmatch(rf"support/{RANDOM}/{RANDOM}\.pdf", random_upload_name("support", "A.PDF"))
    for given in ("../../etc/passwd", "skript.p hp", "namn.", "x.verylongextension"):
        assert re.fullmatch(rf"support/{RANDOM}/{RANDOM}", random_upload_name("support", given))


def test_files_stored_under_guessable_names_are_moved_to_random_ones(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old_name = "support/12/20240101120000-plan.pdf"
    default_storage.save(old_name, ContentFile(b"%PDF-1.4 plan"))
    message = Message.objects.create(
        request=SupportRequestFactory(), body="Se bilagan.", attachment=old_name
    )
    rename = rename_to_random_names("support", "Message", "attachment", "support")

    rename(apps, None)
    message.refresh_from_db()
    new_name = message.attachment.name
    assert re.fullmatch(rf"support/{RANDOM}/{RANDOM}\.pdf", new_name)
    assert message.attachment.read() == b"%PDF-1.4 plan"
    assert not default_storage.exists(old_name)

    rename(apps, None)  # safe to run again: random names stay as they are
    message.refresh_from_db()
    assert message.attachment.name == new_name
