"""What core announces for the apps above it; core itself imports no other Lotsen app."""

from django.dispatch import Signal

# A list was downloaded (lotsen.core.listing): sender is the list's model; the arguments
# are `request`, `rows` (how many) and `file_format`. The audit trail records it.
list_exported = Signal()
