"""An Atom feed of the opportunities published, newest first, for feed readers.

Its links come from the configured public address, not the Host header of the request
(lotsen.core.public_url): Django's feed adds the request's domain only to relative links."""

from django.contrib.syndication.views import Feed
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from lotsen.core.public_url import public_url

from .models import Opportunity

FEED_LENGTH = 50


class NewOpportunitiesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Business opportunities in Lotsen")
    subtitle = _("Newly published business opportunities for social enterprises.")

    def link(self) -> str:
        return public_url(reverse("procurement:feed"))

    def feed_url(self) -> str:
        return public_url(reverse("procurement:feed"))

    def items(self):
        return (
            Opportunity.objects.public()
            .filter(published_at__isnull=False)
            .select_related("buyer")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: Opportunity) -> str:
        return item.title

    def item_description(self, item: Opportunity) -> str:
        return item.description

    def item_link(self, item: Opportunity) -> str:
        return public_url(opportunity_url(item))

    def item_guid(self, item: Opportunity) -> str:
        return f"lotsen-opportunity-{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item: Opportunity) -> str:
        return item.buyer.name

    def item_pubdate(self, item: Opportunity):
        return item.published_at

    def item_updateddate(self, item: Opportunity):
        return item.updated_at

    def item_categories(self, item: Opportunity):
        return [item.get_status_display()]


def opportunity_url(opportunity: Opportunity) -> str:
    """The opportunity's page; the feed's own address with its slug as an anchor where
    no such page is installed, so the feed never fails for want of one."""
    try:
        return opportunity.get_absolute_url()
    except NoReverseMatch:
        return f"{reverse('procurement:feed')}#{opportunity.slug}"
