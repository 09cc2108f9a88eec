"""Who may read the open data catalogue: everyone, anonymous included.

It describes datasets that are public already and names no person (decision 0206)."""

from lotsen.core.access import PUBLIC

ACCESS = {
    "opendata:index": PUBLIC,
    "opendata:catalogue": PUBLIC,
}
