"""Who may see what on "Mina sidor" (docs/access-rules.md, decision 0203).

Only a participant signed in with e-legitimation, and only their own data: their own
placements, follow-ups, consent and the trail of who handled their data. Nobody else,
the coordinator included, uses these pages; staff have their own pages of a participant.
"""

from lotsen.core.access import OK, PARTICIPANT, POST, Rule


def own_participant(user):
    """The participant `user` signs in as, or None for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    account = getattr(user, "participant_account", None)
    return account.participant if account is not None else None


def is_participant(user) -> bool:
    return own_participant(user) is not None


def accounts_visible_to(user, queryset):
    return queryset.filter(user=user) if is_participant(user) else queryset.none()


def placements_visible_to(user, queryset):
    """A participant's own placements, in every episode of theirs; nobody else's."""
    participant = own_participant(user)
    if participant is None:
        return queryset.none()
    return queryset.filter(participant=participant)


# The expected answer of each URL for each persona (lotsen.core.access). The anonymous
# visitor of the start page is offered the sign-in with e-legitimation; of the others,
# sent there.
ACCESS = {
    "my_page:home": Rule(ok=frozenset({PARTICIPANT}), anonymous=OK),
    "my_page:agreement": Rule(ok=frozenset({PARTICIPANT}), anonymous=OK),
    "my_page:agreement_approve": Rule(post_only=True, anonymous=POST),
    "my_page:consent": Rule(ok=frozenset({PARTICIPANT}), anonymous=OK),
    "my_page:consent_withdraw": Rule(post_only=True, anonymous=POST),
    "my_page:access_history": Rule(ok=frozenset({PARTICIPANT}), anonymous=OK),
    "my_page:extract": Rule(ok=frozenset({PARTICIPANT}), anonymous=OK),
}
