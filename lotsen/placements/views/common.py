"""What the pilot function's views share: finding what the user may see, lists in pages,
checking forms and personnummer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect

from lotsen.audit.models import AuditEvent
from lotsen.core.steps import step_into_form

from .. import lookups, policies, services
from ..models import ParticipantIdentity, Placement

PAGE_SIZE = 25


def _visible_or_404(request, visible, model, reason: str, **lookup):
    """The object if the user may see it; otherwise 404, and the attempt is audited."""
    found = visible.filter(**lookup).first()
    if found is not None:
        return found
    hidden = model.objects.filter(**lookup).first()
    if hidden is not None:
        services.audit(request.user, AuditEvent.Action.DENIED, hidden, reason)
    raise Http404


def _all_valid(forms) -> bool:
    # Every form is validated, so the user sees all errors at once.
    results = [form.is_valid() for form in forms]
    return all(results)


def _identity_number_free(request, identity_form, *, purpose: str, party=None, participant=None):
    """Look the form's number up (counted, audited); a person already registered, or a
    user over the look-up limit, becomes an error on the field."""
    return step_into_form(
        identity_form,
        "identity_number",
        lambda: lookups.identity_number_check_free(
            actor=request.user,
            number=identity_form.cleaned_data["identity_number"],
            purpose=purpose,
            party=party,
            participant=participant,
        ),
    )


def _posted_step(request, form, step, *, success: str, target):
    """Take the step of a posted, valid form: a redirect to `target` with the `success`
    message. None when the form is to be shown (again): not posted, not valid, or the
    step refused, its reason an error of the form."""
    if request.method == "POST" and form.is_valid() and step_into_form(form, None, step):
        messages.success(request, success)
        return redirect(target)
    return None


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _identity_of(participant) -> ParticipantIdentity | None:
    record = ParticipantIdentity.objects.filter(participant=participant).first()
    return None if record is None or record.erased_at else record


def _caseworker_parties(request):
    parties = policies.caseworker_parties(request.user)
    if not parties.exists():
        raise PermissionDenied
    return parties


def _placement(request, pk, reason: str) -> Placement:
    return _visible_or_404(
        request,
        Placement.objects.visible_to(request.user).select_related(
            "referral__participant",
            "referral__referring_party",
            "opening__enterprise",
            "opening__municipality",
        ),
        Placement,
        reason,
        pk=pk,
    )


def _form_refused(request, form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
