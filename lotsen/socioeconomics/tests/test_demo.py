import datetime
from io import StringIO

from django.core.management import call_command
from django.test import override_settings

from lotsen.socioeconomics.estimate import estimate_for_year


@override_settings(DEBUG=True)
def test_the_demo_world_has_an_estimate_for_this_year_that_steering_may_see(db):
    call_command("seed_demo", stdout=StringIO())
    estimate = estimate_for_year(datetime.date.today().year)
    assert not estimate.is_empty
    # the effect measurement's demo episodes of this year: no valued group of 1–4 people
    assert estimate.can_be_shown(show_small_cells=False)
    assert estimate.cost and estimate.cost_basis == "outcome"
    assert estimate.public_total["central"] > 0
    assert estimate.ratio["central"] is not None
