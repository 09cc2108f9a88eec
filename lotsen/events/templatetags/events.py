import json

from django.template import Library
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = Library()

# As Django's json_script: characters that could end the script element are escaped.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict) -> SafeString:
    """Structured data for search engines; a data block that is never executed."""
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
