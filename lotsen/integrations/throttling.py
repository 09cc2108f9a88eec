"""Each API key's own budget of calls, counted in the shared cache."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class ApiKeyRateThrottle(SimpleRateThrottle):
    """PARTNER_API_RATE calls per key; beyond it 429 with Retry-After."""

    scope = "partner"

    def get_rate(self) -> str | None:
        # Read when asked, not at import, so the tests and the environment can set it.
        return settings.PARTNER_API_RATE or None

    def get_cache_key(self, request, view) -> str | None:
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
