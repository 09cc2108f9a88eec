"""The support function, "en väg in": offers, requests, the time bank and mentors.

A request (ärende) is the one door: whoever asks, the coordinator triages it
to a provider, answers it, or forwards it.
"""

from django.core.exceptions import ValidationError

from .catalogue import Offer, SupportAreaTarget
from .mentors import Mentor, MentorMatch, MentorMeeting
from .requests import Message, SupportRequest, attachment_path
from .time_bank import AppendOnlyError, TimeBankAccount, TimeBankEntry

__all__ = [
    "AppendOnlyError",
    "Mentor",
    "MentorMatch",
    "MentorMeeting",
    "Message",
    "Offer",
    "SupportAreaTarget",
    "SupportError",
    "SupportRequest",
    "TimeBankAccount",
    "TimeBankEntry",
    # The initial migration names the upload path under this module.
    "attachment_path",
]


class SupportError(ValidationError):
    """A refused action on a request, offer or time bank account; `code` says which."""
