"""The expected answers of the single sign-on URLs (lotsen.core.access)."""

from lotsen.core.access import DENIED, Rule

# Single sign-on is off unless configured, as in the access matrix's world, where these
# URLs answer 404 to everyone: the SAML pages while SAML is off, allauth's OIDC pages for
# a provider not configured. The federation's own tests check them switched on.
OFF_UNLESS_CONFIGURED = Rule(anonymous=DENIED)

ACCESS = {
    "federation:saml_metadata": OFF_UNLESS_CONFIGURED,
    "federation:saml_login": OFF_UNLESS_CONFIGURED,
    "federation:saml_acs": OFF_UNLESS_CONFIGURED,
    "openid_connect_login": OFF_UNLESS_CONFIGURED,
    "openid_connect_callback": OFF_UNLESS_CONFIGURED,
}
