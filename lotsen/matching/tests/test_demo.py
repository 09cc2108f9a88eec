from io import StringIO

from django.core.management import call_command
from django.test import override_settings

from lotsen.accounts.models import User

from ..engine import Part
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


@override_settings(DEBUG=True)
def test_the_demo_world_shows_stated_preferences_met_in_suggestions(db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # a second run keeps the same wishes
    coordinator = User.objects.get(email="samordnare@lotsen.test")
    data = MatchingData(coordinator, MatchingWeights.current().as_engine_weights())
    preference_values = [
        part.value
        for referral_id in data.referrals
        for suggestion in data.matcher.suggest_openings(referral_id)
        for part in suggestion.explanation.parts
        if part.part == Part.PREFERENCE and part.value is not None
    ]
    assert any(value > 0 for value in preference_values)
    assert any(value < 1 for value in preference_values)
