"""The expected answers of the single sign-on URLs (lotsen.core.access)."""

from lotsen.core.access import DENIED, Rule

# Single sign-on is off unless configured, as in the access matrix's world: then these
# URLs answer 404 to everyone. The federation's own tests check them switched on.
OFF_UNLESS_CONFIGURED = Rule(anonymous=DENIED)

ACCESS = {
    "federation:saml_metadata": OFF_UNLESS_CONFIGURED,
    "federation:saml_login": OFF_UNLESS_CONFIGURED,
    "federation:saml_acs": OFF_UNLESS_CONFIGURED,
}
