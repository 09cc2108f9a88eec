"""Links between pages of a list, and to its export, that keep the rest of the query string."""

from django.template import Library

register = Library()


@register.simple_tag(takes_context=True)
def page_querystring(context, number: int, param: str = "page") -> str:
    """The query string with one list's page number set, so that a second list on the
    same page (with its own parameter) and any filters keep their values."""
    params = context.request.GET.copy()
    params[param] = number
    return f"?{params.urlencode()}"


@register.simple_tag(takes_context=True)
def export_querystring(context, export_format: str) -> str:
    """The list's query string asking for the whole filtered list in `export_format`."""
    params = context.request.GET.copy()
    params.pop("page", None)
    params["format"] = export_format
    return params.urlencode()
