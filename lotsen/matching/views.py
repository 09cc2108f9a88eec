from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.placements import pipeline
from lotsen.placements import services as placement_services
from lotsen.placements.models import Opening, Referral

from . import policies, services
from .forms import PairForm, WeightsForm, parse_pairs
from .loader import MatchingData, open_openings, waiting_referrals
from .models import MatchingWeights
from .wording import percent, word

SUGGESTIONS_SHOWN = 10
PAGE_SIZE = 25


def _require_matcher(request) -> None:
    if not policies.can_match(request.user):
        raise PermissionDenied


def _data(request) -> MatchingData:
    return MatchingData(request.user, MatchingWeights.current().as_engine_weights())


def _rows(data: MatchingData, suggestions) -> list[dict]:
    rows = []
    for suggestion in suggestions:
        opening = data.openings[suggestion.opening_id]
        rows.append(
            {
                "referral": data.referrals[suggestion.participant_id],
                "opening": opening,
                "explanation": word(suggestion.explanation, opening=opening),
                "pair": f"{suggestion.participant_id}-{suggestion.opening_id}",
            }
        )
    return rows


@login_required
def index(request):
    _require_matcher(request)
    referrals = (
        waiting_referrals(request.user)
        .select_related("participant__municipality", "referring_party")
        .order_by("received_at", "pk")
    )
    openings = (
        open_openings(request.user)
        .with_seats_taken()
        .select_related("enterprise", "municipality")
        .order_by("enterprise__name", "title", "pk")
    )
    # Each list pages on its own parameter, so turning one leaves the other where it was.
    return render(
        request,
        "matching/index.html",
        {
            "referral_page": Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("referrals")),
            "opening_page": Paginator(openings, PAGE_SIZE).get_page(request.GET.get("openings")),
            "weights": MatchingWeights.current(),
        },
    )


@login_required
def referral_suggestions(request, pk):
    _require_matcher(request)
    referral = Referral.objects.visible_to(request.user).filter(pk=pk).first()
    if referral is None:
        raise Http404
    data = _data(request)
    waiting = pk in data.referrals
    suggestions = data.matcher.suggest_openings(pk, SUGGESTIONS_SHOWN) if waiting else []
    placement_services.audit(request.user, AuditEvent.Action.VIEW, referral, "matching suggestions")
    return render(
        request,
        "matching/referral_suggestions.html",
        {
            "referral": data.referrals.get(pk, referral),
            "waiting": waiting,
            "has_openings": bool(data.openings),
            "rows": _rows(data, suggestions),
        },
    )


@login_required
def opening_suggestions(request, pk):
    _require_matcher(request)
    opening = Opening.objects.visible_to(request.user).filter(pk=pk).first()
    if opening is None:
        raise Http404
    data = _data(request)
    is_open = pk in data.openings
    suggestions = data.matcher.suggest_participants(pk, SUGGESTIONS_SHOWN) if is_open else []
    rows = _rows(data, suggestions)
    for row in rows:
        placement_services.audit(
            request.user, AuditEvent.Action.VIEW, row["referral"], "matching suggestion for a place"
        )
    return render(
        request,
        "matching/opening_suggestions.html",
        {
            "opening": data.openings.get(pk, opening),
            "is_open": is_open,
            "has_referrals": bool(data.referrals),
            "rows": rows,
        },
    )


@login_required
@require_POST
def propose(request):
    _require_matcher(request)
    form = PairForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The suggestion could not be read. Choose it again."))
        return redirect("matching:index")
    outcome = services.suggestion_propose(
        actor=request.user,
        referral_id=form.cleaned_data["referral"],
        opening_id=form.cleaned_data["opening"],
    )
    if outcome.placement is None:
        messages.error(request, outcome.refusal)
        return redirect("matching:referral_suggestions", pk=outcome.referral_id)
    messages.add_message(request, *pipeline.proposal_message(outcome.placement))
    return redirect(outcome.placement)


@login_required
def batch(request):
    _require_matcher(request)
    if request.method == "POST":
        return _batch_confirm(request)
    data = _data(request)
    candidates = data.matcher.candidates()
    optimal = data.matcher.assign("optimal", candidates)
    greedy = data.matcher.assign("greedy", candidates)
    if data.referrals:
        # One event for the whole list: it shows codes and places, and a batch may be long.
        audit_event_record(
            actor=request.user,
            action=AuditEvent.Action.VIEW,
            object_type="matching.batch",
            label=f"{len(data.referrals)} referrals",
            reason="batch assignment shown",
        )
    return render(
        request,
        "matching/batch.html",
        {
            "rows": _rows(data, optimal.suggestions),
            "unassigned": [data.referrals[pk] for pk in optimal.unassigned],
            "has_referrals": bool(data.referrals),
            "has_openings": bool(data.openings),
            "total": number_format(optimal.total_score, 2),
            "greedy_total": number_format(greedy.total_score, 2),
            "greedy_assigned": len(greedy.suggestions),
            "gain": percent(optimal.total_score / greedy.total_score - 1)
            if greedy.total_score
            else None,
        },
    )


def _batch_confirm(request):
    pairs = parse_pairs(request.POST.getlist("pair"))
    if pairs is None:
        messages.error(request, _("The list could not be read. Nothing was proposed."))
        return redirect("matching:batch")
    if not pairs:
        messages.error(request, _("Tick at least one row to propose."))
        return redirect("matching:batch")
    outcomes = services.batch_confirm(actor=request.user, pairs=pairs)
    referrals = Referral.objects.visible_to(request.user).select_related("participant")
    openings = Opening.objects.visible_to(request.user).select_related("enterprise")
    referral_by_pk = referrals.in_bulk([outcome.referral_id for outcome in outcomes])
    opening_by_pk = openings.in_bulk([outcome.opening_id for outcome in outcomes])
    answering = pipeline.enterprises_that_can_answer(
        {opening.enterprise_id for opening in opening_by_pk.values()}
    )
    rows = [
        {
            "referral": referral_by_pk.get(outcome.referral_id),
            "opening": opening_by_pk.get(outcome.opening_id),
            "outcome": outcome,
            "unanswerable": outcome.placement is not None
            and outcome.placement.opening.enterprise_id not in answering,
        }
        for outcome in outcomes
    ]
    proposed = sum(1 for outcome in outcomes if outcome.placement is not None)
    return render(
        request,
        "matching/batch_result.html",
        {
            "rows": rows,
            "proposed": proposed,
            "refused": len(outcomes) - proposed,
            "unanswerable": pipeline.UNANSWERABLE_PROPOSAL,
        },
    )


@login_required
def weights(request):
    if not policies.can_change_weights(request.user):
        raise PermissionDenied
    form = WeightsForm(request.POST or None, instance=MatchingWeights.current())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The weights were saved."))
        return redirect(reverse("matching:index"))
    return render(request, "matching/weights.html", {"form": form})
