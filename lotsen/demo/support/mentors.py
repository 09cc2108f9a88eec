"""Mentors, and the meetings they have logged with the enterprises they were matched to."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from lotsen.accounts.models import User
from lotsen.core.models import SupportArea
from lotsen.demo.support.offers import ALMI, organisation_named
from lotsen.demo.support.parties import BODEN, PARTY_MENTORING
from lotsen.support.models import Mentor, MentorMatch, MentorMeeting, SupportRequest

MENTORS = [
    (
        "Maria Mentorsson",
        "maria.mentorsson@almi.test",
        ALMI,
        ["mentoring", "law-finance", "board"],
        ["2580", "2581"],
        3,
    ),
    (
        "Erik Coach",
        "erik.coach@coach.test",
        None,
        ["mentoring", "sales-marketing"],
        ["2582", "2560", "2581"],
        2,
    ),
    (
        "Anna Bergström",
        "anna.bergstrom@boden.test",
        BODEN,
        ["mentoring", "authority-contacts"],
        ["2582", "2560"],
        3,
    ),
]
# Meetings of the municipality's mentor with an enterprise: (weeks ago, hours)
BODEN_MENTOR_MEETINGS = [(20, "2"), (16, "2"), (12, "1.5"), (8, "2"), (4, "2"), (1, "1.5")]


def seed_mentors(coordinator: User) -> None:
    for name, email, organisation, areas, municipalities, capacity in MENTORS:
        mentor, _created = Mentor.objects.update_or_create(
            email=email,
            defaults={
                "full_name": name,
                "organisation": organisation_named(organisation) if organisation else None,
                "capacity": capacity,
                "is_active": True,
            },
        )
        mentor.areas.set(SupportArea.objects.filter(code__in=areas))
        mentor.municipalities.set(municipalities)
    support_request = SupportRequest.objects.filter(
        subject="Mentor för ny verksamhetsledare"
    ).first()
    maria = Mentor.objects.get(email=MENTORS[0][1])
    if support_request and not support_request.mentor_matches.exists():
        match = MentorMatch.objects.create(
            mentor=maria,
            request=support_request,
            created_by=coordinator,
            created_at=support_request.created_at + timedelta(days=1),
        )
        MentorMeeting.objects.create(
            match=match,
            held_on=timezone.localdate() - timedelta(days=7),
            hours=Decimal("1.5"),
            notes="Första träffen: mål för året och ekonomin.",
            logged_by=coordinator,
        )


def seed_party_mentoring(coordinator: User) -> None:
    support_request = SupportRequest.objects.filter(subject=PARTY_MENTORING).first()
    mentor = Mentor.objects.get(email="anna.bergstrom@boden.test")
    if support_request is None or support_request.mentor_matches.filter(mentor=mentor).exists():
        return
    match = MentorMatch.objects.create(
        mentor=mentor,
        request=support_request,
        created_by=coordinator,
        created_at=support_request.created_at + timedelta(days=1),
    )
    today = timezone.localdate()
    MentorMeeting.objects.bulk_create(
        MentorMeeting(
            match=match,
            held_on=today - timedelta(weeks=weeks),
            hours=Decimal(hours),
            notes="Genomgång av ekonomin och nästa steg.",
            logged_by=coordinator,
        )
        for weeks, hours in BODEN_MENTOR_MEETINGS
    )
