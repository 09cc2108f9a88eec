"""Who may see and do what in spend."""

# The expected answer of each URL of this part for each persona (lotsen.core.access).
ACCESS: dict = {}
