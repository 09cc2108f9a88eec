"""`{% engagement_panel opportunity %}`: interest, public answers and consortia on an
opportunity's page, for the user of the request."""

from django.template import Library

from ..engagement import engagement_context

register = Library()


@register.inclusion_tag("procurement/engagement/opportunity_panel.html", takes_context=True)
def engagement_panel(context, opportunity):
    request = context["request"]
    return {**engagement_context(request.user, opportunity), "request": request}
