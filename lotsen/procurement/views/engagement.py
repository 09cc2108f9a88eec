"""Interest in an opportunity, and its questions and answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.core.steps import step_into_form, take_step

from .. import engagement as services
from ..forms.engagement import AnswerForm, QuestionForm
from ..models import Opportunity
from ..policies import engagement as policies


def public_opportunity(slug: str) -> Opportunity:
    """Engagement is with published opportunities only, which everyone sees."""
    return get_object_or_404(Opportunity.objects.public(), slug=slug)


def questions(request, slug):
    """The public questions and answers; the buyer and the coordinator see open ones too."""
    opportunity = public_opportunity(slug)
    can_ask = request.user.is_authenticated and policies.can_ask(request.user, opportunity)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.path)
    if (
        request.method == "POST"
        and form.is_valid()
        and step_into_form(
            form,
            "text",
            lambda: services.question_ask(
                user=request.user, opportunity=opportunity, text=form.cleaned_data["text"]
            ),
        )
    ):
        messages.success(request, _("Your question was sent to the buyer."))
        return redirect("procurement:questions", slug=slug)
    return render(
        request,
        "procurement/engagement/questions.html",
        {
            "opportunity": opportunity,
            "questions": policies.questions_visible_to(request.user, opportunity),
            "can_ask": can_ask or bool(form.errors),
            "can_answer": policies.can_answer(request.user, opportunity),
            "form": form,
        },
    )


@login_required
def question_answer(request, slug, pk):
    opportunity = public_opportunity(slug)
    if not policies.can_answer(request.user, opportunity):
        raise Http404
    question = get_object_or_404(opportunity.questions.select_related("asked_by"), pk=pk)
    form = AnswerForm(request.POST or None, instance=question)
    if (
        request.method == "POST"
        and form.is_valid()
        and step_into_form(
            form,
            "answer",
            lambda: services.question_answer(
                user=request.user, question=question, answer=form.cleaned_data["answer"]
            ),
        )
    ):
        messages.success(request, _("The answer is published."))
        return redirect("procurement:questions", slug=slug)
    audit_event_record(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        target=question,
        label=str(opportunity),
        reason="asker shown",
    )
    return render(
        request,
        "procurement/engagement/question_answer.html",
        {"opportunity": opportunity, "question": question, "form": form},
    )


@login_required
@require_POST
def interest_declare(request, slug):
    opportunity = public_opportunity(slug)
    return take_step(
        request,
        lambda: services.interest_declare(user=request.user, opportunity=opportunity),
        success=_("Your enterprise's interest is declared. You will hear of every answer."),
        target=_back(request, opportunity),
    )


@login_required
@require_POST
def interest_withdraw(request, slug):
    opportunity = public_opportunity(slug)
    return take_step(
        request,
        lambda: services.interest_withdraw(user=request.user, opportunity=opportunity),
        success=_("Your enterprise's interest is withdrawn."),
        target=_back(request, opportunity),
    )


def _back(request, opportunity) -> str:
    """Back to the page the button was on, if it is one of ours."""
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return reverse("procurement:questions", args=[opportunity.slug])


@login_required
def interest_list(request, slug):
    opportunity = public_opportunity(slug)
    if not policies.sees_engagement_of(request.user, opportunity):
        raise Http404
    interests = opportunity.interests.select_related("enterprise", "declared_by")
    return render(
        request,
        "procurement/engagement/interest_list.html",
        {"opportunity": opportunity, "interests": interests},
    )
