from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.core import exports
from lotsen.core.models import SupportArea
from lotsen.core.small_cells import PROTECTING_NOTE
from lotsen.core.steps import take_step

from . import policies, services
from .blueprints import BLUEPRINTS
from .forms import AnswerForm, QuestionForm, ResultFilterForm, SurveyCreateForm
from .models import Invitation, Response, Survey
from .results import BarChart, census_panel, compare_rounds, survey_results

REFUSALS = {
    "unknown": gettext_lazy(
        "The link is not valid. Check that you copied all of it from the e-mail."
    ),
    "answered": gettext_lazy("This survey has already been answered with this link. Thank you!"),
    "not_open": gettext_lazy("The survey has not opened yet."),
    "closed": gettext_lazy("The survey has closed, so answers can no longer be given."),
}


def _areas_for(survey: Survey) -> list[SupportArea]:
    areas = list(SupportArea.objects.all())
    if survey.audience == Survey.Audience.ENTERPRISES:
        return [area for area in areas if area.serves_enterprises]
    return areas


def _survey_for(user, pk: int) -> Survey:
    return get_object_or_404(Survey.objects.visible_to(user), pk=pk)


@login_required
def survey_list(request):
    """What awaits the user's organisations, then every round for those who run or read them."""
    if not policies.can_view_list(request.user):
        raise PermissionDenied
    return render(
        request,
        "surveys/survey_list.html",
        {
            "awaiting": Invitation.objects.awaiting_answer_from(request.user)
            .select_related("survey", "organisation")
            .order_by("survey__closes_at", "organisation__name"),
            "can_view_results": policies.can_view_results(request.user),
            "surveys": Survey.objects.visible_to(request.user).order_by("-closes_at"),
            "can_manage": policies.can_manage(request.user),
        },
    )


@login_required
def survey_create(request):
    if not policies.can_manage(request.user):
        raise PermissionDenied
    form = SurveyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        survey = services.survey_create_from_blueprint(
            blueprint=BLUEPRINTS[data["blueprint"]],
            title=data["title"],
            round_label=data["round_label"],
            closes_at=form.closes_at,
            anonymous=data["anonymous"],
            created_by=request.user,
            language=get_language(),
            event_title=data["event_title"],
            audience=data["audience"],
        )
        services.invitations_create(survey=survey, emails=data["participant_emails"])
        messages.success(request, _("The survey was created as a draft."))
        return redirect(survey)
    return render(request, "surveys/survey_create.html", {"form": form})


@login_required
def survey_detail(request, pk):
    survey = _survey_for(request.user, pk)
    can_manage = policies.can_manage(request.user)
    submitted, invited = services.response_rate(survey)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "unreachable": services.invitations_unreachable(survey) if can_manage else [],
            "questions": survey.questions.select_related("condition_question").order_by(
                "position", "version"
            ),
            "submitted": submitted,
            "invited": invited,
            "can_manage": can_manage,
            "named_responses": (
                Response.objects.visible_to(request.user)
                .submitted()
                .filter(survey=survey)
                .exclude(organisation=None)
                .select_related("organisation")
                if can_manage and not survey.anonymous
                else []
            ),
        },
    )


@login_required
@require_POST
def survey_action(request, pk, action):
    if not policies.can_manage(request.user):
        raise PermissionDenied
    survey = _survey_for(request.user, pk)
    steps = {
        "open": lambda: services.survey_open(survey=survey, actor=request.user),
        "close": lambda: survey.move_to(Survey.Status.CLOSED, actor=request.user),
        "remind": lambda: services.reminders_send(survey=survey),
    }
    if action not in steps:
        raise PermissionDenied
    step = take_step(request, steps[action])
    if not step:
        return redirect(survey)
    if action == "open":
        messages.success(
            request,
            ngettext(
                "The survey is open; %(n)d invitation was sent.",
                "The survey is open; %(n)d invitations were sent.",
                step.result,
            )
            % {"n": step.result},
        )
    elif action == "close":
        messages.success(request, _("The survey is closed."))
    else:
        _report_reminders(request, survey, step.result)
    if action in ("open", "remind"):
        _warn_unreachable(request, survey)
    return redirect(survey)


def _report_reminders(request, survey: Survey, sent: int) -> None:
    if sent:
        messages.success(
            request,
            ngettext(
                "%(n)d reminder was sent to those who have not answered.",
                "%(n)d reminders were sent to those who have not answered.",
                sent,
            )
            % {"n": sent},
        )
    elif survey.invitations.unanswered().exists():
        messages.warning(
            request,
            _("No reminders were sent: no one who has not answered has an e-mail address."),
        )
    else:
        messages.info(request, _("No reminders were sent: everyone invited has answered."))


def _warn_unreachable(request, survey: Survey) -> None:
    unreachable = services.invitations_unreachable(survey)
    if unreachable:
        messages.warning(
            request,
            ngettext(
                "%(n)d organisation has no e-mail address and could not be reached: "
                "%(names)s. Add an address in the register, then send a reminder.",
                "%(n)d organisations have no e-mail address and could not be reached: "
                "%(names)s. Add their addresses in the register, then send a reminder.",
                len(unreachable),
            )
            % {
                "n": len(unreachable),
                "names": ", ".join(str(invitation) for invitation in unreachable),
            },
        )


@login_required
def question_edit(request, pk, question_pk):
    if not policies.can_manage(request.user):
        raise PermissionDenied
    survey = _survey_for(request.user, pk)
    question = get_object_or_404(survey.questions.current(), pk=question_pk)
    form = QuestionForm(request.POST or None, survey=survey, question=question)
    if (
        request.method == "POST"
        and form.is_valid()
        and _question_step(
            form,
            lambda: services.question_revise(
                question=question,
                changes=form.changes(),
                as_new_version=form.cleaned_data["as_new_version"],
            ),
        )
    ):
        messages.success(request, _("The question was saved."))
        return redirect(survey)
    return render(
        request,
        "surveys/question_form.html",
        {
            "form": form,
            "survey": survey,
            "question": question,
            "answered": question.answers.exists(),
        },
    )


@login_required
def question_add(request, pk):
    if not policies.can_manage(request.user):
        raise PermissionDenied
    survey = _survey_for(request.user, pk)
    form = QuestionForm(request.POST or None, survey=survey)
    if (
        request.method == "POST"
        and form.is_valid()
        and _question_step(
            form, lambda: services.question_add(survey=survey, changes=form.changes())
        )
    ):
        messages.success(request, _("The question was added."))
        return redirect(survey)
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "survey": survey, "question": None, "answered": False},
    )


def _question_step(form, step) -> bool:
    """Save a question; the model's errors land on the form's fields (the condition's
    answer under the name the form gives it)."""
    try:
        step()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return False
        aliases = {"condition_value": "condition_answer"}
        for field, errors in error.message_dict.items():
            field = aliases.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True


def respond(request, token):
    """Answer a survey from the link in the invitation; no login needed."""
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationRefusedError as refusal:
        return render(
            request,
            "surveys/respond_refused.html",
            {"reason": REFUSALS[refusal.reason]},
            status=410 if refusal.reason != "unknown" else 404,
        )
    survey = invitation.survey
    response = services.response_for_invitation(invitation)
    questions = list(survey.questions.current().select_related("condition_question"))
    areas = _areas_for(survey)
    consent = survey.kind == Survey.Kind.CENSUS and not survey.anonymous
    if request.method == "POST":
        submitting = "submit" in request.POST
        form = AnswerForm(
            request.POST, questions=questions, areas=areas, submitting=submitting, consent=consent
        )
        valid = form.is_valid()
        values = form.values()
        try:
            # Whatever is valid is kept, also when something else must be corrected.
            services.response_save(
                response=response,
                values=values,
                submit=submitting and valid,
                consent=valid and bool(form.cleaned_data.get("consent")),
            )
        except services.InvitationRefusedError as refusal:
            return render(
                request,
                "surveys/respond_refused.html",
                {"reason": REFUSALS[refusal.reason]},
                status=410,
            )
        if valid and submitting:
            return redirect("surveys:thanks")
        if valid:
            messages.success(
                request, _("Your answers are saved. Use the same link to continue later.")
            )
            return redirect("surveys:respond", token=token)
    else:
        form = AnswerForm(
            initial=AnswerForm.initial_from(response.answer_map(), questions),
            questions=questions,
            areas=areas,
            submitting=False,
            consent=consent,
        )
    return render(
        request,
        "surveys/respond.html",
        {"survey": survey, "form": form, "groups": _groups(form), "invitation": invitation},
    )


def _groups(form: AnswerForm) -> list[dict]:
    numbers = {group["question"].pk: group["number"] for group in form.groups}
    return [
        {
            "number": group["number"],
            "condition_number": numbers.get(group["question"].condition_question_id),
            "question": group["question"],
            "fields": [form[name] for name in group["names"]],
        }
        for group in form.groups
    ]


def thanks(request):
    return render(request, "surveys/thanks.html")


def _results_context(request, survey: Survey) -> dict:
    filter_form = ResultFilterForm(request.GET or None, surveys=[survey])
    filters = filter_form.answer_filters()
    sees_small = policies.sees_small_cells(request.user)
    submitted, invited = services.response_rate(survey)
    return {
        "survey": survey,
        "filter_form": filter_form,
        "results": survey_results(survey, viewer_sees_small_cells=sees_small, filters=filters),
        "submitted": submitted,
        "invited": invited,
        "rate": round(submitted * 100 / invited) if invited else None,
        "sees_small_cells": sees_small,
        "small_cell_limit": policies.SMALL_CELL_LIMIT,
        "export_formats": [
            ("csv", _("Download as CSV")),
            ("xlsx", _("Download as Excel (XLSX)")),
        ],
    }


@login_required
def survey_results_view(request, pk):
    if not policies.can_view_results(request.user):
        raise PermissionDenied
    survey = _survey_for(request.user, pk)
    return render(request, "surveys/survey_results.html", _results_context(request, survey))


def _result_rows(results) -> list[list]:
    rows = [[_("Question"), _("Answer"), _("Count"), _("Share (%)"), _("Mean")]]
    for result in results:
        if result.kind == "text":
            rows.append([result.question.text, _("Answers"), result.answered, "", ""])
            continue
        if result.mean is not None:
            rows.append([result.question.text, _("Mean"), result.answered, "", result.mean])
        for cell in result.cells:
            rows.append(
                [
                    result.question.text,
                    cell.label,
                    str(cell.hidden) if cell.hidden else cell.count,
                    "" if cell.share is None else cell.share,
                    "" if cell.mean is None else cell.mean,
                ]
            )
        if result.protects:
            rows.append([result.question.text, str(PROTECTING_NOTE), "", "", ""])
    return rows


@login_required
def survey_export(request, pk, file_format):
    if not policies.can_view_results(request.user):
        raise PermissionDenied
    if file_format not in ("csv", "xlsx"):
        raise Http404
    survey = _survey_for(request.user, pk)
    context = _results_context(request, survey)
    if context["filter_form"].errors:
        return HttpResponseBadRequest(
            context["filter_form"].error_text, content_type="text/plain; charset=utf-8"
        )
    header, *rows = _result_rows(context["results"])
    return exports.table_response(
        file_format,
        filename=f"resultat-{survey.pk}",
        title=_("Results"),
        header=header,
        rows=rows,
    )


@login_required
def response_detail(request, pk, response_pk):
    """One named response; looking at it is recorded in the audit trail."""
    survey = _survey_for(request.user, pk)
    response = get_object_or_404(
        Response.objects.visible_to(request.user).submitted().select_related("organisation"),
        survey=survey,
        pk=response_pk,
    )
    audit_event_record(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        target=response,
        label=f"survey-response-{response.pk}",
        reason=_("Survey response opened"),
    )
    answers = response.answers.select_related("question", "row").order_by(
        "question__position", "row__position"
    )
    return render(
        request,
        "surveys/response_detail.html",
        {"survey": survey, "response": response, "answers": answers},
    )


def _rounds(user, series: str, selected: list[str]) -> tuple[list[Survey], list[Survey]]:
    available = list(
        Survey.objects.visible_to(user)
        .filter(series=series)
        .exclude(status=Survey.Status.DRAFT)
        .order_by("closes_at")
    )
    chosen = [survey for survey in available if str(survey.pk) in selected] or available
    return available, chosen


@login_required
def series_compare(request, series):
    if not policies.can_view_results(request.user):
        raise PermissionDenied
    available, rounds = _rounds(request.user, series, request.GET.getlist("runda"))
    if not available:
        raise PermissionDenied
    filter_form = ResultFilterForm(request.GET or None, surveys=available)
    return render(
        request,
        "surveys/series_compare.html",
        {
            "series": series,
            "available": available,
            "rounds": rounds,
            "filter_form": filter_form,
            "comparisons": compare_rounds(
                rounds,
                viewer_sees_small_cells=policies.sees_small_cells(request.user),
                filters=filter_form.answer_filters(),
            )
            if len(rounds) > 1
            else [],
            "is_census": available[-1].kind == Survey.Kind.CENSUS,
        },
    )


@login_required
def series_panel(request, series):
    if not policies.can_view_results(request.user):
        raise PermissionDenied
    available, rounds = _rounds(request.user, series, [])
    if not available or available[-1].kind != Survey.Kind.CENSUS:
        raise PermissionDenied
    questions, panel = census_panel(rounds)
    return render(
        request,
        "surveys/series_panel.html",
        {"series": series, "rounds": rounds, "questions": questions, "panel": panel},
    )


@login_required
def needs(request):
    if not policies.can_view_results(request.user):
        raise PermissionDenied
    inventories = list(
        Survey.objects.visible_to(request.user)
        .filter(kind=Survey.Kind.NEEDS_INVENTORY)
        .exclude(status=Survey.Status.DRAFT)
        .order_by("-closes_at")
    )
    chosen = next(
        (survey for survey in inventories if str(survey.pk) == request.GET.get("runda")),
        inventories[0] if inventories else None,
    )
    ranking = services.needs_ranking(chosen) if chosen else []
    sees_small = policies.sees_small_cells(request.user)
    return render(
        request,
        "surveys/needs.html",
        {
            "inventories": inventories,
            "chosen": chosen,
            "ranking": ranking,
            "sees_small_cells": sees_small,
            "small_cell_limit": policies.SMALL_CELL_LIMIT,
            "chart": _needs_chart(ranking, sees_small),
            "compare_url": reverse("surveys:compare", args=[chosen.series])
            if chosen and chosen.series
            else "",
        },
    )


def _needs_chart(ranking, sees_small: bool):
    rows = []
    for need in ranking:
        shown = need.mean is not None and (sees_small or need.answers >= policies.SMALL_CELL_LIMIT)
        rows.append(
            (
                need.area.name,
                need.mean if shown else None,
                number_format(need.mean) if shown else None,
            )
        )
    return BarChart.of(rows, maximum=Decimal(5))
