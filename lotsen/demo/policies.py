"""The expected answers of the demo world's URLs (lotsen.core.access)."""

from lotsen.core.access import DENIED, Rule

# The stand-in for a broker of e-legitimation answers only with DEBUG and
# DEMO_IDENTITY_PROVIDER on; in the access matrix's world, not found to everyone.
OFF_UNLESS_DEMO = Rule(anonymous=DENIED)

ACCESS = {
    "demo:idp_discovery": OFF_UNLESS_DEMO,
    "demo:idp_authorize": OFF_UNLESS_DEMO,
    "demo:idp_token": OFF_UNLESS_DEMO,
    "demo:idp_userinfo": OFF_UNLESS_DEMO,
    "demo:idp_jwks": OFF_UNLESS_DEMO,
}
