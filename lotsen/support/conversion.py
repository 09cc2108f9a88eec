"""Where a support request can be taken further by a higher app: a small registry.

The pilot function converts a support request into a referral, so it imports
support; support must not import it back. The support pages still show the
referral made from a request and offer the conversion, through this extension
point: the pilot function registers a provider in its own `AppConfig.ready()`:

    from lotsen.support import conversion

    conversion.register(
        conversion.ConversionProvider(
            referral_made_from=my_referral_made_from,
            can_convert=my_can_convert,
        )
    )

- `referral_made_from(user, support_request)` returns the referral made from
  the request that the user may see, or None. It must run a fixed number of
  queries (the request page runs it once).
- `can_convert(user)` says whether the user may convert a request at all.

With no provider registered, no referral is shown and nothing can be converted.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ConversionProvider:
    referral_made_from: Callable[[Any, Any], Any | None]
    can_convert: Callable[[Any], bool]


_providers: list[ConversionProvider] = []


def register(provider: ConversionProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def unregister(provider: ConversionProvider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def referral_made_from(user, support_request):
    """The referral made from the request that the user may see, or None."""
    for provider in _providers:
        referral = provider.referral_made_from(user, support_request)
        if referral is not None:
            return referral
    return None


def can_convert(user) -> bool:
    """Whether the user may convert a support request into a referral."""
    return any(provider.can_convert(user) for provider in _providers)
