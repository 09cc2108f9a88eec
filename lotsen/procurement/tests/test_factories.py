"""The factories make valid objects: the other tests build on them."""

from lotsen.procurement.models import Opportunity

from .factories import AwardFactory, ConsortiumMemberFactory, LotFactory, OpportunityFactory


def test_an_opportunity_from_the_factory_is_valid_and_public(db):
    opportunity = OpportunityFactory()
    opportunity.full_clean()
    assert opportunity.is_reserved
    assert Opportunity.objects.public().get() == opportunity
    assert list(opportunity.municipalities.values_list("code", flat=True)) == ["2580"]


def test_the_other_factories_make_what_they_name(db):
    lot = LotFactory()
    member = ConsortiumMemberFactory(consortium__opportunity=lot.opportunity)
    award = AwardFactory(opportunity=lot.opportunity, lot=lot, supplier=member.enterprise)
    award.full_clean()
    assert award.won_by_social_enterprise
