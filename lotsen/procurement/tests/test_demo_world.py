"""The demo world shows procurement as the study describes it."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from lotsen.organisations.models import Organisation
from lotsen.procurement.models import Award, Consortium, Opportunity, Purchase


def test_the_demo_world_has_buyers_opportunities_a_consortium_awards_and_purchases(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    buyers = set(Opportunity.objects.values_list("buyer__name", flat=True))
    assert {"Luleå kommun", "Piteå kommun", "Region Norrbotten"} <= buyers
    assert Organisation.objects.filter(kind=Organisation.Kind.BUYER, name__in=buyers).exists()
    assert Opportunity.objects.count() >= 8
    assert set(Opportunity.objects.values_list("status", flat=True)) == set(
        Opportunity.Status.values
    )
    assert Opportunity.objects.exclude(reserved_participation="none").count() >= 2
    (consortium,) = Consortium.objects.all()
    assert consortium.members.count() == 3
    this_year = timezone.localdate().year
    assert {award.awarded_on.year for award in Award.objects.all()} == {this_year, this_year - 1}
    assert set(Purchase.objects.values_list("year", flat=True)) == {this_year - 1, this_year - 2}
    published = Opportunity.objects.get(title="Lokalvård i Luleås förskolor")
    assert [change.to_status for change in published.status_changes.all()] == ["published"]
