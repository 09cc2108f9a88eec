"""What the pilot function offers the funding follow-up, which registers it.

This module does not import funding: funding reads these functions and
registers them in its own `AppConfig.ready()`.

A work training counts as started in the year of its start date, whatever has
happened to it since: one that has ended or been broken off was still started
and still cost the support structure its matching and agreement work.
"""

from .models import Placement


def placements_started(year: int) -> int:
    """Work trainings started in the year; one query."""
    return Placement.objects.filter(started_on__year=year).count()
