"""Uploaded files: stored under random names, served only by views that checked the policy.

Nothing under MEDIA_ROOT is ever served at a public address (decision 0173). Every
upload's path is `<folder>/<random>/<random>.<ext>`, so a path tells nothing about its
request, organisation or uploader and cannot be guessed; the original name, where it is
shown, is kept in a field of the model. A view that has checked who may see the file
answers with `serve_file`, which streams it or, when `PROTECTED_MEDIA_ACCEL_PREFIX` is
set, leaves the sending to nginx with `X-Accel-Redirect` (docs/operations.md).
"""

import mimetypes
import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

_SAFE_EXTENSION = re.compile(r"^\.[a-z0-9]{1,10}$")


def random_upload_name(folder: str, filename: str) -> str:
    """Return where an upload is stored: a random folder and name, the extension kept."""
    extension = PurePath(filename).suffix.lower()
    if not _SAFE_EXTENSION.match(extension):
        extension = ""
    return f"{folder}/{uuid.uuid4().hex}/{uuid.uuid4().hex}{extension}"


def rename_to_random_names(app_label: str, model_name: str, field_name: str, folder: str):
    """Return a migration step moving files stored under guessable names to random ones."""
    random_name = re.compile(rf"^{re.escape(folder)}/[0-9a-f]{{32}}/[0-9a-f]{{32}}(\.[a-z0-9]+)?$")

    def forwards(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        storage = model._meta.get_field(field_name).storage
        stored = model.objects.exclude(**{field_name: ""}).values_list("pk", field_name)
        for pk, name in stored.iterator():
            if random_name.match(name) or not storage.exists(name):
                continue
            with storage.open(name) as old:
                new_name = storage.save(random_upload_name(folder, name), old)
            model.objects.filter(pk=pk).update(**{field_name: new_name})
            storage.delete(name)

    return forwards


def serve_file(
    file: FieldFile,
    *,
    filename: str = "",
    as_attachment: bool = True,
    content_type: str | None = None,
) -> HttpResponse:
    """Answer with a stored file; call only after the policy has said yes.

    `filename` is the name the browser is given, by default the stored (random) one.
    """
    if not file:
        raise Http404
    filename = filename or PurePath(file.name).name
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    prefix = settings.PROTECTED_MEDIA_ACCEL_PREFIX
    if prefix:
        if not file.storage.exists(file.name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{file.name}"
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        try:
            stream = file.open("rb")
        except FileNotFoundError as missing:
            # The row outlived its file (e.g. a restore without media): a 404, not a 500.
            raise Http404 from missing
        response = FileResponse(
            stream, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    # Files that may be private must not linger in shared caches.
    response["Cache-Control"] = "private, no-store"
    return response
