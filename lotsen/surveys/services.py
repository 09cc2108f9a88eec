"""Workflows of surveys that span several models, and the needs other apps read."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, Count, Max, Model, Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lotsen.accounts.models import Role
from lotsen.core.models import SupportArea
from lotsen.organisations.models import Organisation, SocialEnterprise

from .blueprints import SUPPORT_AREA_CHOICES, Blueprint
from .models import (
    Answer,
    Invitation,
    Question,
    QuestionLockedError,
    Response,
    SizeBand,
    Survey,
    SurveyRefused,
)

NEEDS_QUESTION_KEY = "need-per-area"


class InvitationRefusedError(Exception):
    """The link cannot be used: unknown, already answered, or the survey is closed."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def survey_create_from_blueprint(
    *,
    blueprint: Blueprint,
    title: str,
    closes_at: datetime,
    round_label: str = "",
    anonymous: bool | None = None,
    created_by=None,
    language: str = "sv",
    event_title: str = "",
    event: Model | None = None,
    audience: str = "",
) -> Survey:
    """Make a new round of a template; its questions keep the template's keys.

    An event evaluation names its event by title, and by reference when given one.
    """
    with transaction.atomic(), translation.override(language):
        survey = Survey(
            title=title,
            introduction=str(blueprint.introduction),
            kind=blueprint.kind,
            audience=audience or blueprint.audience,
            anonymous=blueprint.anonymous if anonymous is None else anonymous,
            series=blueprint.key if blueprint.recurring else "",
            round_label=round_label,
            closes_at=closes_at,
            event_title=event_title or (str(event) if event is not None else ""),
            created_by=created_by,
        )
        if event is not None:
            survey.event = event
        survey.full_clean()
        survey.save()
        by_key: dict[str, Question] = {}
        for position, spec in enumerate(blueprint.questions, 1):
            if spec.choices == SUPPORT_AREA_CHOICES:
                choices = [
                    {"value": area.code, "label": area.name} for area in SupportArea.objects.all()
                ]
            else:
                choices = [{"value": value, "label": str(label)} for value, label in spec.choices]
            condition = by_key[spec.condition[0]] if spec.condition else None
            question = Question(
                survey=survey,
                key=spec.key,
                position=position * 10,
                text=str(spec.text),
                help_text=str(spec.help_text),
                type=spec.type,
                required=spec.required,
                choices=choices,
                scale_min_label=str(spec.scale_min_label),
                scale_max_label=str(spec.scale_max_label),
                unit=str(spec.unit),
                min_value=spec.min_value,
                max_value=spec.max_value,
                condition_question=condition,
                condition_value=spec.condition[1] if spec.condition else "",
            )
            question.full_clean()
            question.save()
            by_key[spec.key] = question
    return survey


def question_revise(*, question: Question, changes: dict, as_new_version: bool = False) -> Question:
    """Edit a question; once answered, only edits that keep the answers' meaning.

    A change of meaning is refused unless asked for as a new version: the old
    version stays with its answers and the new one takes its place.
    """
    unsafe = question.unsafe_changes(changes)
    answered = question.answers.exists()
    if answered and unsafe and not as_new_version:
        raise QuestionLockedError(
            _(
                "The question already has answers, so only its wording may change. "
                "Save the change as a new version instead."
            ),
            code="locked",
        )
    with transaction.atomic():
        if answered and unsafe:
            successor = Question.objects.get(pk=question.pk)
            successor.pk = None
            successor.version = (
                Question.objects.filter(survey=question.survey, key=question.key).count() + 1
            )
            for field, value in changes.items():
                setattr(successor, field, value)
            successor.full_clean()
            Question.objects.filter(pk=question.pk).update(is_current=False)
            successor.save()
            # Later questions that depended on the old version follow the new one.
            Question.objects.filter(condition_question=question, is_current=True).update(
                condition_question=successor
            )
            question.is_current = False
            return successor
        for field, value in changes.items():
            setattr(question, field, value)
        question.full_clean()
        question.save()
    return question


def question_add(*, survey: Survey, changes: dict) -> Question:
    """Add a question at the end, with a key of its own for later comparison."""
    if survey.status == Survey.Status.CLOSED:
        raise SurveyRefused(_("Questions cannot be added to a closed survey."), code="closed")
    base = slugify(changes["text"])[:50] or "question"
    keys = set(survey.questions.values_list("key", flat=True))
    key, suffix = base, 2
    while key in keys:
        key, suffix = f"{base}-{suffix}", suffix + 1
    last = survey.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question(survey=survey, key=key, position=last + 10, **changes)
    question.full_clean()
    question.save()
    return question


def _address_of(organisation: Organisation) -> str:
    """Where an organisation's invitation goes: its own address, else an enterprise user's.

    Reads the memberships through `all()` so that a prefetch serves every organisation.
    """
    member_addresses = [
        membership.user.email
        for membership in organisation.memberships.all()
        if membership.role == Role.ENTERPRISE
    ]
    return organisation.email or next(iter(member_addresses), "")


def survey_open(*, survey: Survey, actor) -> int:
    """Open a draft survey and send its invitations. Returns how many were sent."""
    survey.move_to(Survey.Status.OPEN, actor=actor)
    invitations_create(survey=survey)
    return invitations_send(survey=survey)


def invitations_create(
    *, survey: Survey, emails: list[str] | None = None, organisations=None
) -> int:
    """Invite the survey's audience, once per recipient; return how many are new.

    An organisation without any address is invited all the same, so that it is
    counted in the response rate and listed as not reached until it gets one.
    """
    if organisations is None and survey.audience in (
        Survey.Audience.ENTERPRISES,
        Survey.Audience.PARTIES,
    ):
        kind = (
            Organisation.Kind.SOCIAL_ENTERPRISE
            if survey.audience == Survey.Audience.ENTERPRISES
            else Organisation.Kind.PARTY
        )
        organisations = Organisation.objects.filter(kind=kind).prefetch_related("memberships__user")
    created = 0
    with transaction.atomic():
        invited_organisations = set(
            survey.invitations.exclude(organisation=None).values_list("organisation_id", flat=True)
        )
        invited_addresses = set(
            survey.invitations.filter(organisation=None).values_list("email", flat=True)
        )
        new = [
            Invitation(survey=survey, organisation=organisation, email=_address_of(organisation))
            for organisation in organisations or []
            if organisation.pk not in invited_organisations
        ]
        for address in {email.strip().lower() for email in emails or [] if email.strip()}:
            if address not in invited_addresses:
                new.append(Invitation(survey=survey, email=address))
        for invitation in new:
            invitation.save()
            created += 1
    return created


def invitations_send(*, survey: Survey) -> int:
    """Queue the e-mail of every invitation not yet sent; return how many."""
    from .tasks import send_invitation

    pending = list(
        survey.invitations.filter(sent_at=None).exclude(email="").values_list("pk", flat=True)
    )
    for invitation_id in pending:
        send_invitation.enqueue(invitation_id)
    return len(pending)


def reminders_send(*, survey: Survey) -> int:
    """Queue a reminder to everyone invited who has not answered and has an address.

    Returns how many were queued, which is how many go out. An organisation that
    had no address when it was invited is reminded at the address it has now.
    """
    from .tasks import send_reminder

    if not survey.is_accepting_answers:
        raise SurveyRefused(
            _("Reminders can only be sent while the survey is open."), code="not_open"
        )
    for invitation in (
        survey.invitations.unanswered()
        .unreachable()
        .exclude(organisation=None)
        .select_related("organisation")
        .prefetch_related("organisation__memberships__user")
    ):
        invitation.email = _address_of(invitation.organisation)
        if invitation.email:
            invitation.save(update_fields=["email"])
    pending = list(survey.invitations.unanswered().exclude(email="").values_list("pk", flat=True))
    for invitation_id in pending:
        send_reminder.enqueue(invitation_id)
    return len(pending)


def invitations_unreachable(survey: Survey) -> list[Invitation]:
    """The organisations that have not answered and that no e-mail reaches, by name."""
    return list(
        survey.invitations.unanswered()
        .unreachable()
        .select_related("organisation")
        .order_by("organisation__name")
    )


def invitation_for_token(token: str) -> Invitation:
    """The invitation behind a link, or a refusal saying why it cannot be used."""
    key = Invitation.key_from_token(token)
    invitation = (
        Invitation.objects.select_related("survey", "organisation").filter(key=key).first()
        if key
        else None
    )
    if invitation is None:
        raise InvitationRefusedError("unknown")
    if invitation.answered:
        raise InvitationRefusedError("answered")
    survey = invitation.survey
    if survey.status == Survey.Status.DRAFT or (
        survey.opens_at and survey.opens_at > timezone.now()
    ):
        raise InvitationRefusedError("not_open")
    if not survey.is_accepting_answers:
        raise InvitationRefusedError("closed")
    return invitation


def response_for_invitation(invitation: Invitation) -> Response:
    response, _created = Response.objects.get_or_create(
        invitation=invitation, defaults={"survey": invitation.survey}
    )
    return response


def response_save(
    *, response: Response, values: dict[int, object], submit: bool, consent: bool = False
) -> Response:
    """Store the given answers; on submit, close the response and its invitation.

    `consent` is a named census respondent's agreement to be shown in the panel.

    `values` maps question ids to cleaned values (a dict of support area code to
    scale value for a matrix). Questions whose condition is not met lose their answer.
    """
    survey = response.survey
    questions = list(survey.questions.current())
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.status == Response.Status.SUBMITTED:
            raise InvitationRefusedError("answered")
        if submit and not survey.is_accepting_answers:
            raise InvitationRefusedError("closed")
        known = locked.answer_map()
        known.update(values)
        shown = {question.pk for question in questions if question.is_shown_for(known)}
        new_answers = []
        for question in questions:
            value = known.get(question.pk)
            if question.pk not in shown or value in (None, "", [], {}):
                continue
            if question.type == Question.Type.MATRIX:
                new_answers.extend(
                    Answer.for_value(question, cell, row_id=code)
                    for code, cell in value.items()
                    if cell not in (None, "")
                )
            else:
                new_answers.append(Answer.for_value(question, value))
        locked.answers.all().delete()
        for answer in new_answers:
            answer.response = locked
        Answer.objects.bulk_create(new_answers)
        if submit:
            invitation = locked.invitation
            organisation = invitation.organisation if invitation else None
            locked.status = Response.Status.SUBMITTED
            locked.submitted_on = timezone.localdate()
            _copy_respondent_facts(locked, organisation)
            if survey.anonymous:
                # From here nothing leads from the answers back to the recipient.
                locked.invitation = None
                locked.organisation = None
                locked.consents_to_identification = False
            else:
                locked.organisation = organisation
                locked.consents_to_identification = consent
            locked.save()
            if invitation:
                Invitation.objects.filter(pk=invitation.pk).update(answered=True)
    return locked


def _copy_respondent_facts(response: Response, organisation: Organisation | None) -> None:
    """Keep the coarse facts the result filters use, as they were at submission.

    Copied rather than joined so that results stay the same when a profile
    changes later, and so that anonymous responses keep them without the link.
    """
    profile = (
        SocialEnterprise.objects.filter(organisation=organisation)
        .values("legal_form", "staff_count")
        .first()
        if organisation
        else None
    )
    response.municipality_id = organisation.municipality_id if organisation else None
    response.legal_form = profile["legal_form"] if profile else ""
    response.size_band = SizeBand.for_staff_count(profile["staff_count"]) if profile else ""


def response_rate(survey: Survey) -> tuple[int, int]:
    """(submitted responses, invitations) of a survey."""
    counts = Survey.objects.filter(pk=survey.pk).aggregate(
        submitted=Count(
            "responses", filter=Q(responses__status=Response.Status.SUBMITTED), distinct=True
        ),
        invited=Count("invitations", distinct=True),
    )
    return counts["submitted"], counts["invited"]


@dataclass(frozen=True)
class AreaNeed:
    area: SupportArea
    mean: Decimal | None
    answers: int
    rank: int


def needs_ranking(survey: Survey) -> list[AreaNeed]:
    """The support areas of a needs inventory, greatest need first.

    This is what the funding plan and the support catalogue read: the mean need
    (1–5) per area over the submitted responses, with the number of answers.
    Areas nobody rated come last.
    """
    stats = {
        row["row_id"]: row
        for row in Answer.objects.of_submitted(survey)
        .filter(question__key=NEEDS_QUESTION_KEY, question__is_current=True)
        .values("row_id")
        .annotate(mean=Avg("number"), answers=Count("id"))
    }
    areas = sorted(
        SupportArea.objects.all(),
        key=lambda area: (
            -(stats[area.code]["mean"] or 0) if area.code in stats else 1,
            area.position,
        ),
    )
    return [
        AreaNeed(
            area=area,
            mean=(
                Decimal(stats[area.code]["mean"]).quantize(Decimal("0.01"))
                if area.code in stats
                else None
            ),
            answers=stats[area.code]["answers"] if area.code in stats else 0,
            rank=rank,
        )
        for rank, area in enumerate(areas, 1)
    ]


def needs_ranking_for_plan(year: int) -> list[str]:
    """Support area codes by need, for drafting the funding plan of `year`.

    Reads the newest needs inventory that closes in or before that year; areas
    nobody rated are left out, so an empty list means no ranking to offer.
    """
    survey = (
        Survey.objects.filter(kind=Survey.Kind.NEEDS_INVENTORY, closes_at__year__lte=year)
        .exclude(status=Survey.Status.DRAFT)
        .order_by("-closes_at")
        .first()
    )
    if survey is None:
        return []
    return [need.area.code for need in needs_ranking(survey) if need.answers]
