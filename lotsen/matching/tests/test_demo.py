from io import StringIO

from django.core.management import call_command
from django.test import override_settings

from lotsen.accounts.models import User

from ..loader import MatchingData
from ..models import MatchingWeights


@override_settings(DEBUG=True)
def test_every_participant_waiting_in_the_demo_world_gets_suggestions(db):
    call_command("seed_demo", stdout=StringIO())
    coordinator = User.objects.get(email="samordnare@lotsen.test")
    data = MatchingData(coordinator, MatchingWeights.current().as_engine_weights())
    assert len(data.referrals) >= 4
    for referral_id in data.referrals:
        assert data.matcher.suggest_openings(referral_id), referral_id
    batch = data.matcher.assign()
    assert len(batch.suggestions) >= 4
