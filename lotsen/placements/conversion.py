"""The pilot function's answers to support's conversion extension point.

Support shows the referral made from a request and offers to convert it without
importing the pilot function (`lotsen.support.conversion`); `PlacementsConfig.ready()`
registers `PROVIDER` there.
"""

from lotsen.support import conversion

from .models import Referral
from .policies import can_convert_support_request


def referral_made_from(user, support_request) -> Referral | None:
    """The referral made from the request, if the user may see it; one query."""
    return (
        Referral.objects.visible_to(user)
        .filter(support_request=support_request)
        .select_related("participant")
        .first()
    )


PROVIDER = conversion.ConversionProvider(
    referral_made_from=referral_made_from,
    can_convert=can_convert_support_request,
)
