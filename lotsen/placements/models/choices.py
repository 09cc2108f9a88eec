"""Coded values shared by the pilot function's models, in the groupings of the national
follow-up (Finsam).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Adaptation(models.TextChoices):
    """Coded adaptations: what an opening offers and what a participant needs."""

    QUIET_PLACE = "quiet_place", _("Quiet place")
    FLEXIBLE_HOURS = "flexible_hours", _("Flexible hours")
    PART_TIME_START = "part_time_start", _("Part-time start")
    PHYSICAL = "physical", _("Physical adaptations")
    WRITTEN_INSTRUCTIONS = "written_instructions", _("Written instructions")
    LANGUAGE_SUPPORT = "language_support", _("Language support")
    EXTRA_SUPERVISION = "extra_supervision", _("Extra supervision")
    REGULAR_BREAKS = "regular_breaks", _("Regular breaks")


class Language(models.TextChoices):
    """Languages by ISO 639 code; the national minority languages first after Swedish."""

    SWEDISH = "sv", _("Swedish")
    FINNISH = "fi", _("Finnish")
    MEANKIELI = "fit", _("Meänkieli")
    SAMI = "se", _("Sami")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    SOMALI = "so", _("Somali")
    TIGRINYA = "ti", _("Tigrinya")
    PERSIAN = "fa", _("Persian")
    DARI = "prs", _("Dari")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other or not stated")


class Education(models.TextChoices):
    COMPULSORY_INCOMPLETE = "compulsory_incomplete", _("Compulsory school not completed")
    COMPULSORY = "compulsory", _("Compulsory school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    POST_SECONDARY = "post_secondary", _("Post-secondary education")
    UNKNOWN = "unknown", _("Unknown")


class IncomeSource(models.TextChoices):
    """The benefit types of the national Finsam follow-up."""

    SICKNESS_BENEFIT = "sickness_benefit", _("Sickness or rehabilitation benefit")
    ACTIVITY_COMPENSATION = "activity_compensation", _("Activity compensation")
    SICKNESS_COMPENSATION = "sickness_compensation", _("Sickness compensation")
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("Unemployment benefit")
    ACTIVITY_SUPPORT = "activity_support", _("Activity support")
    ESTABLISHMENT_BENEFIT = "establishment_benefit", _("Establishment benefit")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    SALARY = "salary", _("Salary")
    NONE = "none", _("No income")
    OTHER = "other", _("Other")


class SupportDuration(models.TextChoices):
    UNDER_1 = "under_1", _("Less than 1 year")
    FROM_1_TO_3 = "1_to_3", _("1 to 3 years")
    FROM_3_TO_5 = "3_to_5", _("3 to 5 years")
    OVER_5 = "over_5", _("More than 5 years")
    UNKNOWN = "unknown", _("Unknown")


class Outcome(models.TextChoices):
    """Exit outcomes in the grouping of the national follow-up."""

    WORK_UNSUBSIDISED = "work_unsubsidised", _("Work without subsidy")
    WORK_SUBSIDISED = "work_subsidised", _("Work with subsidy")
    WORK_AT_ENTERPRISE = "work_at_enterprise", _("Employed by the social enterprise")
    STUDIES = "studies", _("Studies")
    JOB_SEEKING = "job_seeking", _("Actively seeking work")
    OTHER_MEASURE = "other_measure", _("Other measure")
    SICK_LEAVE = "sick_leave", _("Sick leave")
    DROP_OUT = "drop_out", _("Dropped out")
    MOVED = "moved", _("Moved")
    UNKNOWN = "unknown", _("Unknown")


class OutcomeGroup(models.TextChoices):
    WORK = "work", _("Work")
    STUDIES = "studies", _("Studies")
    JOB_SEEKING = "job_seeking", _("Actively seeking work")
    OTHER = "other", _("Other")


OUTCOME_GROUPS = {
    Outcome.WORK_UNSUBSIDISED: OutcomeGroup.WORK,
    Outcome.WORK_SUBSIDISED: OutcomeGroup.WORK,
    Outcome.WORK_AT_ENTERPRISE: OutcomeGroup.WORK,
    Outcome.STUDIES: OutcomeGroup.STUDIES,
    Outcome.JOB_SEEKING: OutcomeGroup.JOB_SEEKING,
}


def outcome_group(outcome: str) -> str:
    return OUTCOME_GROUPS.get(outcome, OutcomeGroup.OTHER)


def coded_labels(choices: type[models.TextChoices], codes: list[str]) -> list[str]:
    labels = dict(choices.choices)
    return [str(labels[code]) for code in codes if code in labels]
