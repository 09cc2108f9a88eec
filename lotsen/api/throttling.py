"""The limit on the public read API, per visitor address (settings.API_PUBLIC_RATE)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class PublicReadThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, its rate read from the settings at each request.

    DRF reads its rates once, when the class is made; reading them here lets an
    operator's API_PUBLIC_RATE (and a test's) take effect without a restart of DRF.
    """

    scope = "public"

    def get_rate(self) -> str | None:
        return settings.API_PUBLIC_RATE or None

    def allow_request(self, request, view) -> bool:
        # An empty rate turns the limit off; DRF's own check would then skip the cache.
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
