"""The expected answers of the single sign-on URLs (lotsen.core.access)."""

from lotsen.core.access import DENIED, Rule

# SAML is off unless configured, as in the access matrix's world, where these URLs answer
# 404 to everyone; the federation's own tests check them switched on. allauth's OIDC URLs
# take the provider in a regular expression, which the matrix does not walk.
OFF_UNLESS_CONFIGURED = Rule(anonymous=DENIED)

ACCESS = {
    "federation:saml_metadata": OFF_UNLESS_CONFIGURED,
    "federation:saml_login": OFF_UNLESS_CONFIGURED,
    "federation:saml_acs": OFF_UNLESS_CONFIGURED,
}
