"""Consortia of an opportunity and their workspace: members, messages, files, checklist.

To anyone but its members' users and the coordinator a consortium does not exist (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.core.steps import step_into_form, take_step
from lotsen.core.uploads import serve_file

from .. import engagement_consortia as services
from ..forms.engagement import ChecklistItemForm, ConsortiumForm, MemberForm, MessageForm
from ..models import Consortium
from ..policies import engagement as policies
from .engagement import public_opportunity


def _consortium(user, slug: str, pk: int) -> Consortium:
    opportunity = public_opportunity(slug)
    consortia = policies.consortia_visible_to(user, opportunity.consortia.all())
    return get_object_or_404(consortia.select_related("opportunity", "lead"), pk=pk)


@login_required
def consortium_list(request, slug):
    opportunity = public_opportunity(slug)
    can_form = policies.can_form_consortium(request.user, opportunity)
    consortia = policies.consortia_visible_to(request.user, opportunity.consortia.all())
    if not (can_form or consortia.exists() or policies.is_coordinator(request.user)):
        raise Http404
    return render(
        request,
        "procurement/engagement/consortium_list.html",
        {
            "opportunity": opportunity,
            "consortia": consortia.select_related("lead").prefetch_related("members__enterprise"),
            "can_form": can_form,
        },
    )


@login_required
def consortium_create(request, slug):
    opportunity = public_opportunity(slug)
    if not policies.can_form_consortium(request.user, opportunity):
        raise Http404
    form = ConsortiumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = step_into_form(
            form,
            None,
            lambda: services.consortium_create(
                user=request.user, opportunity=opportunity, name=form.cleaned_data["name"]
            ),
        )
        if step:
            messages.success(request, _("The consortium is formed. Add its members."))
            return redirect(services.consortium_url(step.result))
    return render(
        request,
        "procurement/engagement/consortium_form.html",
        {"opportunity": opportunity, "form": form},
    )


@login_required
def consortium_detail(request, slug, pk):
    consortium = _consortium(request.user, slug, pk)
    return _workspace(request, consortium)


def _workspace(request, consortium, *, message_form=None, item_form=None, status=200):
    return render(
        request,
        "procurement/engagement/consortium_detail.html",
        {
            "opportunity": consortium.opportunity,
            "consortium": consortium,
            "members": consortium.members.select_related("enterprise").prefetch_related("lots"),
            "thread": consortium.messages.select_related("author"),
            "checklist": consortium.checklist.select_related("done_by"),
            "leads": policies.leads(request.user, consortium),
            "own_enterprise_ids": set(
                policies.enterprises_of(request.user).values_list("pk", flat=True)
            ),
            "message_form": message_form or MessageForm(),
            "item_form": item_form or ChecklistItemForm(prefix="item"),
        },
        status=status,
    )


@login_required
@require_POST
def consortium_message(request, slug, pk):
    consortium = _consortium(request.user, slug, pk)
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _workspace(request, consortium, message_form=form, status=400)
    services.consortium_message_post(
        user=request.user,
        consortium=consortium,
        body=form.cleaned_data["body"],
        attachment=form.cleaned_data.get("attachment"),
    )
    messages.success(request, _("Your message is posted."))
    return redirect(services.consortium_url(consortium))


@login_required
def consortium_attachment(request, slug, pk, message_pk):
    consortium = _consortium(request.user, slug, pk)
    message = get_object_or_404(consortium.messages.exclude(attachment=""), pk=message_pk)
    return serve_file(message.attachment, filename=message.attachment_name or _("attachment"))


@login_required
def consortium_member_add(request, slug, pk):
    consortium = _consortium(request.user, slug, pk)
    if not policies.leads(request.user, consortium):
        raise Http404
    form = MemberForm(request.POST or None, consortium=consortium)
    if (
        request.method == "POST"
        and form.is_valid()
        and step_into_form(
            form,
            "enterprise",
            lambda: services.consortium_member_add(
                user=request.user,
                consortium=consortium,
                enterprise=form.cleaned_data["enterprise"],
                share=form.cleaned_data["share"],
                lots=form.cleaned_data.get("lots", ()),
            ),
        )
    ):
        messages.success(request, _("The member is added and told by e-mail."))
        return redirect(services.consortium_url(consortium))
    return render(
        request,
        "procurement/engagement/member_form.html",
        {"opportunity": consortium.opportunity, "consortium": consortium, "form": form},
    )


@login_required
@require_POST
def consortium_member_remove(request, slug, pk, member_pk):
    consortium = _consortium(request.user, slug, pk)
    member = get_object_or_404(consortium.members.select_related("consortium"), pk=member_pk)
    step = take_step(
        request,
        lambda: services.consortium_member_remove(user=request.user, member=member),
        success=_("%(enterprise)s is no longer a member.") % {"enterprise": member.enterprise},
    )
    still_sees = policies.consortia_visible_to(request.user, Consortium.objects.filter(pk=pk))
    if step and not still_sees.exists():
        return redirect("procurement:consortium_list", slug=slug)
    return redirect(services.consortium_url(consortium))


@login_required
@require_POST
def consortium_checklist_add(request, slug, pk):
    consortium = _consortium(request.user, slug, pk)
    form = ChecklistItemForm(request.POST, prefix="item")
    if not form.is_valid():
        return _workspace(request, consortium, item_form=form, status=400)
    services.checklist_item_add(
        consortium=consortium, text=form.cleaned_data["text"], due_on=form.cleaned_data["due_on"]
    )
    messages.success(request, _("The step is added to the checklist."))
    return redirect(services.consortium_url(consortium))


@login_required
@require_POST
def consortium_checklist_toggle(request, slug, pk, item_pk):
    consortium = _consortium(request.user, slug, pk)
    item = get_object_or_404(consortium.checklist, pk=item_pk)
    services.checklist_item_toggle(user=request.user, item=item)
    return redirect(services.consortium_url(consortium) + "#checklista")
