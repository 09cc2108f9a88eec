"""Who may see and do what in publishing."""

# The expected answer of each URL of this part for each persona (lotsen.core.access).
ACCESS: dict = {}
