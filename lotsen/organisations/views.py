from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lotsen.core import exports
from lotsen.core import opendata as core_opendata
from lotsen.core.public_url import public_url
from lotsen.core.steps import step_into_form
from lotsen.core.uploads import serve_file

from . import opendata, policies, services, tabular
from .forms import (
    ActorFilterForm,
    ActorMappingForm,
    DirectoryFilterForm,
    ImportForm,
    OrganisationForm,
    PhotoFormSet,
    ProfileForm,
    VerificationForm,
)
from .models import (
    ActorMapping,
    LegalForm,
    Organisation,
    SocialEnterprise,
    VerificationStatus,
)


@login_required
def organisation_list(request):
    if not policies.can_view_register(request.user):
        raise PermissionDenied
    organisations = Organisation.objects.visible_to(request.user).select_related("municipality")
    kind = request.GET.get("kind", "")
    if kind in Organisation.Kind.values:
        organisations = organisations.filter(kind=kind)
    page = Paginator(organisations, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "page": page,
            "kinds": Organisation.Kind.choices,
            "selected_kind": kind,
            "can_manage": policies.can_manage(request.user),
        },
    )


@login_required
def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user).select_related("municipality", "profile"),
        slug=slug,
    )
    return render(
        request,
        "organisations/organisation_detail.html",
        {"organisation": organisation, "can_manage": policies.can_manage(request.user)},
    )


@login_required
def organisation_edit(request, slug=None):
    if not policies.can_manage(request.user):
        raise PermissionDenied
    organisation = None
    if slug:
        organisation = get_object_or_404(Organisation.objects.visible_to(request.user), slug=slug)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, _("The organisation was saved."))
        return redirect(organisation)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


# The public directory of social enterprises (/foretag/) ----------------------------------

DIRECTORY_PAGE_SIZE = 10


def directory_list(request):
    form = DirectoryFilterForm(request.GET or None)
    profiles = form.filter(SocialEnterprise.objects.visible_to(request.user).with_related())
    page = Paginator(profiles, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/directory_list.html",
        {"form": form, "page": page, "can_manage": policies.can_manage(request.user)},
    )


def directory_detail(request, slug):
    profile = get_object_or_404(
        SocialEnterprise.objects.visible_to(request.user).with_related().prefetch_related("photos"),
        organisation__slug=slug,
    )
    return render(
        request,
        "organisations/directory_detail.html",
        {
            "profile": profile,
            "organisation": profile.organisation,
            "json_ld": _organisation_json_ld(request, profile),
            "can_edit": policies.can_edit_profile(request.user, profile),
            "can_verify": policies.can_verify(request.user),
        },
    )


def _visible_profile(user, slug) -> SocialEnterprise:
    return get_object_or_404(
        SocialEnterprise.objects.visible_to(user).select_related("organisation"),
        organisation__slug=slug,
    )


def directory_logo(request, slug):
    """Serve the logo to whoever may see the profile: anyone when it is public."""
    profile = _visible_profile(request.user, slug)
    return serve_file(profile.logo, as_attachment=False)


def directory_photo(request, slug, pk):
    profile = _visible_profile(request.user, slug)
    photo = get_object_or_404(profile.photos, pk=pk)
    return serve_file(photo.image, as_attachment=False)


def _organisation_json_ld(request, profile: SocialEnterprise) -> dict:
    organisation = profile.organisation
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "url": public_url(profile.get_absolute_url()),
        "description": profile.description,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": organisation.street_address,
            "postalCode": organisation.postal_code,
            "addressLocality": organisation.postal_town,
            "addressRegion": str(organisation.municipality or ""),
            "addressCountry": "SE",
        },
        "areaServed": [str(m) for m in profile.municipalities_served.all()],
        "knowsAbout": [service.name for service in profile.services.all()],
    }
    if organisation.org_number:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "organisationsnummer",
            "value": organisation.org_number,
        }
    if organisation.email:
        data["email"] = organisation.email
    if organisation.phone:
        data["telephone"] = organisation.phone
    if organisation.website:
        data["sameAs"] = [organisation.website]
    if profile.founded_year:
        data["foundingDate"] = str(profile.founded_year)
    if profile.staff_count is not None:
        data["numberOfEmployees"] = {"@type": "QuantitativeValue", "value": profile.staff_count}
    if profile.logo:
        data["logo"] = public_url(profile.get_logo_url())
    return {key: value for key, value in data.items() if value not in ("", [])}


def _editable_profile(request, slug) -> SocialEnterprise:
    organisation = get_object_or_404(
        policies.profiles_editable_by(request.user, Organisation.objects.social_enterprises()),
        slug=slug,
    )
    # A company without a profile gets one when it first saves, hidden until it says so.
    return SocialEnterprise.objects.filter(organisation=organisation).first() or SocialEnterprise(
        organisation=organisation, is_public=False
    )


@login_required
def profile_mine(request):
    if not policies.is_enterprise_user(request.user):
        raise PermissionDenied
    organisations = policies.own_enterprises(request.user).filter(
        kind=Organisation.Kind.SOCIAL_ENTERPRISE
    )
    if len(organisations) == 1:
        return redirect("directory:edit", organisations[0].slug)
    return render(request, "organisations/profile_mine.html", {"organisations": organisations})


@login_required
def profile_edit(request, slug):
    profile = _editable_profile(request, slug)
    before = services.profile_snapshot(profile)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    photos = PhotoFormSet(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid() and photos.is_valid():
        with transaction.atomic():
            form.save()
            photos.save()
            changes = services.profile_record_changes(
                profile=profile,
                before=before,
                changed_by=request.user,
                needs_verification=policies.edits_need_verification(request.user),
            )
        if any(change.field == "verification_status" for change in changes):
            messages.success(
                request,
                _("The profile was saved. The coordinator will verify the changed criteria."),
            )
        else:
            messages.success(request, _("The profile was saved."))
        return redirect(profile)
    return render(
        request,
        "organisations/profile_form.html",
        {"form": form, "photos": photos, "profile": profile, "organisation": profile.organisation},
    )


@login_required
def profile_history(request, slug):
    profile = get_object_or_404(
        SocialEnterprise.objects.visible_to(request.user).select_related("organisation"),
        organisation__slug=slug,
    )
    if not policies.can_see_history(request.user, profile):
        raise PermissionDenied
    changes = Paginator(profile.changes.select_related("changed_by"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "organisations/profile_history.html",
        {"profile": profile, "organisation": profile.organisation, "page": changes},
    )


@login_required
def verification_queue(request):
    if not policies.can_verify(request.user):
        raise PermissionDenied
    profiles = (
        SocialEnterprise.objects.visible_to(request.user)
        .exclude(verification_status=VerificationStatus.VERIFIED)
        .select_related("organisation__municipality")
        .order_by("verification_status", "updated_at")
    )
    page = Paginator(profiles, 25).get_page(request.GET.get("page"))
    return render(request, "organisations/verification_queue.html", {"page": page})


@login_required
def profile_verify(request, slug):
    if not policies.can_verify(request.user):
        raise PermissionDenied
    profile = get_object_or_404(
        SocialEnterprise.objects.visible_to(request.user).select_related("organisation"),
        organisation__slug=slug,
    )
    form = VerificationForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and step_into_form(
            form,
            None,
            lambda: services.profile_verify(
                profile=profile,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                verified_by=request.user,
            ),
        )
    ):
        messages.success(request, _("The decision was saved."))
        return redirect("directory:review")
    recent = profile.changes.select_related("changed_by")[:20]
    return render(
        request,
        "organisations/profile_verify.html",
        {"form": form, "profile": profile, "organisation": profile.organisation, "recent": recent},
    )


def open_data(request):
    return render(
        request,
        "organisations/open_data.html",
        {
            "schema": opendata.SCHEMA,
            "legal_forms": LegalForm.choices,
            "licence_name": opendata.LICENCE_NAME,
            "licence_url": opendata.LICENCE_URL,
            "count": policies.public_profiles(SocialEnterprise.objects.all()).count(),
        },
    )


def _open_data_records(request) -> list[dict]:
    form = DirectoryFilterForm(request.GET or None)
    profiles = form.filter(policies.public_profiles(SocialEnterprise.objects.with_related()))
    base_url = public_url("")
    return [opendata.record(profile, base_url) for profile in profiles]


def open_data_csv(request):
    response = HttpResponse(
        opendata.as_csv(_open_data_records(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="sociala-foretag.csv"'
    return core_opendata.described_by(
        response, reverse("directory:open_data_table_schema"), core_opendata.TABLE_SCHEMA
    )


def open_data_json(request):
    payload = {
        "licens": opendata.LICENCE_NAME,
        "licens_url": opendata.LICENCE_URL,
        "schema": public_url(reverse("directory:open_data_json_schema")),
        "foretag": _open_data_records(request),
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="sociala-foretag.json"'
    return core_opendata.described_by(
        response, reverse("directory:open_data_json_schema"), core_opendata.JSON_SCHEMA
    )


def open_data_table_schema(request):
    return core_opendata.schema_response(opendata.table_schema(), core_opendata.TABLE_SCHEMA)


def open_data_json_schema(request):
    schema = opendata.json_schema(public_url(reverse("directory:open_data_json_schema")))
    return core_opendata.schema_response(schema, core_opendata.JSON_SCHEMA)


# The coordinator's import and export ---------------------------------------------------


@login_required
def register_import(request):
    if not policies.can_manage(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            rows = tabular.read_upload(form.cleaned_data["file"])
            result = tabular.import_rows(rows, imported_by=request.user)
        except tabular.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            if result.ok:
                messages.success(
                    request,
                    _("Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect("organisations:import")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organisations/register_import.html",
        {"form": form, "result": result, "headers": tabular.HEADERS},
        status=status,
    )


@login_required
def register_export(request, file_format):
    if not policies.can_manage(request.user):
        raise PermissionDenied
    profiles = SocialEnterprise.objects.visible_to(request.user).with_related()
    return exports.table_response(
        file_format,
        filename="sociala-foretag",
        title=_("Social enterprises"),
        header=tabular.HEADERS,
        rows=tabular.export_rows(profiles),
    )


# The actor mapping (kartläggning) -------------------------------------------------------


@login_required
def actor_list(request):
    if not policies.can_map_actors(request.user):
        raise PermissionDenied
    form = ActorFilterForm(request.GET or None)
    actors = list(
        form.filter(
            ActorMapping.objects.visible_to(request.user)
            .select_related("organisation")
            .prefetch_related("support_areas")
        )
    )
    scale = list(reversed(ActorMapping.Scale.choices))
    grid = [
        (
            interest,
            label,
            [
                [
                    actor
                    for actor in actors
                    if actor.interest == interest and actor.knowledge == knowledge
                ]
                for knowledge, _label in ActorMapping.Scale.choices
            ],
        )
        for interest, label in scale
    ]
    unmapped = (
        Organisation.objects.visible_to(request.user)
        .exclude(kind=Organisation.Kind.SOCIAL_ENTERPRISE)
        .filter(actor_mapping__isnull=True)
    )
    return render(
        request,
        "organisations/actor_list.html",
        {
            "form": form,
            "actors": actors,
            "grid": grid,
            "knowledge_scale": ActorMapping.Scale.choices,
            "unmapped": unmapped,
        },
    )


@login_required
def actor_edit(request, slug):
    if not policies.can_map_actors(request.user):
        raise PermissionDenied
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), slug=slug)
    mapping = (
        ActorMapping.objects.visible_to(request.user).filter(organisation=organisation).first()
    )
    form = ActorMappingForm(
        request.POST or None, instance=mapping or ActorMapping(organisation=organisation)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The mapping was saved."))
        return redirect("organisations:actors")
    return render(
        request,
        "organisations/actor_form.html",
        {"form": form, "organisation": organisation},
    )
