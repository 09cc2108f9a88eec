"""Who may see and do what in engagement."""

# The expected answer of each URL of this part for each persona (lotsen.core.access).
ACCESS: dict = {}
