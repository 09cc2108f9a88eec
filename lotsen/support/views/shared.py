"""What the support pages share."""

from ..models import SupportError


def error_text(error: SupportError) -> str:
    return " ".join(error.messages)
