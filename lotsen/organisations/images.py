"""Checks of uploaded logos and photos by their content, not their name."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 40_000_000


def validate_image_upload(upload) -> None:
    """Refuse anything but a JPEG, PNG or WebP picture of at most MAX_BYTES."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; a picture may be at most %(limit)s."),
            code="image_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
        )
    position = upload.tell()
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as error:
        raise ValidationError(
            _("The file is not a picture. Upload a JPEG, PNG or WebP picture."),
            code="not_an_image",
        ) from error
    finally:
        upload.seek(position)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Pictures of type %(format)s are not accepted. Upload a JPEG, PNG or WebP picture."),
            code="image_type",
            params={"format": image_format},
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(_("The picture has too many pixels."), code="image_too_large")
