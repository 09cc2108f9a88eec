from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from lotsen.socioeconomics.estimate import estimate_for_year


# The demo's episodes of this year end between 20 and 300 days before today, so
# an estimate of this year needs a date late enough in the year to have them.
@pytest.mark.today("2026-10-15")
@override_settings(DEBUG=True)
def test_the_demo_world_has_an_estimate_for_this_year_that_steering_may_see(db):
    call_command("seed_demo", stdout=StringIO())
    estimate = estimate_for_year(timezone.localdate().year)
    assert not estimate.is_empty
    # the effect measurement's demo episodes of this year: no valued group of 1–4 people
    assert estimate.can_be_shown(show_small_cells=False)
    assert estimate.cost and estimate.cost_basis == "outcome"
    assert estimate.public_total["central"] > 0
    assert estimate.ratio["central"] is not None
