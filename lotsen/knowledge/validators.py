"""Uploaded attachments are checked by what they contain, not by what they are called."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"


def validate_pdf(upload) -> None:
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; an attachment may be at most %(limit)s."),
            code="file_too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_ATTACHMENT_BYTES),
            },
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(position)
    # The PDF standard allows the signature anywhere in the first kilobyte.
    if PDF_SIGNATURE not in head:
        raise ValidationError(
            _("The file is not a PDF. Attach the document saved as PDF."), code="not_pdf"
        )
