"""Who may read the API: the public read API is open to anyone, as the public pages are.

What each list holds is decided by the owning app's public policy (the directory's
`public_profiles`, the published events, resources and opportunities, the statistics'
small-number rules), never here.
"""

from lotsen.core.access import PUBLIC

ACCESS = {
    "api:schema": PUBLIC,
    "api:docs": PUBLIC,
    "api:enterprise-list": PUBLIC,
    "api:enterprise-detail": PUBLIC,
    "api:event-list": PUBLIC,
    "api:event-detail": PUBLIC,
    "api:resource-list": PUBLIC,
    "api:resource-detail": PUBLIC,
    "api:opportunity-list": PUBLIC,
    "api:opportunity-detail": PUBLIC,
    "api:award-list": PUBLIC,
    "api:award-detail": PUBLIC,
    "api:statistics": PUBLIC,
}
