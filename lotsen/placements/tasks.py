from django_tasks import task

from .services import identities_erase_expired


@task()
def erase_expired_identities() -> int:
    """The scheduled retention run (gallring); a worker or cron enqueues it daily."""
    return identities_erase_expired().erased
