"""schema.org data for search engines, written the one safe way for every page."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.template import Library
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = Library()

# As Django's json_script: characters that could end the script element are escaped.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict) -> SafeString:
    """A JSON-LD data block, which the browser never executes."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
