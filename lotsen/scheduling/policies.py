"""Who sees the scheduled jobs: their runs are on the admin site (admin role only), and
`/readyz` is open like `/healthz`, for monitoring; it names overdue jobs, never data."""

from lotsen.core.access import PUBLIC

ACCESS = {"readyz": PUBLIC}
