import re

from lotsen.core.uploads import random_upload_name

RANDOM = r"[0-9a-f]{32}"


def test_a_random_name_keeps_only_a_plain_extension():
    assert re.fullmatch(rf"support/{RANDOM}/{RANDOM}\.pdf", random_upload_name("support", "A.PDF"))
    for given in ("../../etc/passwd", "skript.p hp", "namn.", "x.verylongextension"):
        assert re.fullmatch(rf"support/{RANDOM}/{RANDOM}", random_upload_name("support", given))
