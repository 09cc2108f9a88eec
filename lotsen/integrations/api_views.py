"""The partner API: a party's systems send referrals and read back status and outcomes.

Every call acts as the party's service identity, a caseworker of the party, so every
queryset here is the pilot function's own `visible_to` and every write its own service
(lotsen.placements). Every call is audited and counted against the key's rate.
"""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.response import Response

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record, audit_events_record
from lotsen.placements.models import Referral

from . import keys, services
from .authentication import ApiKeyAuthentication
from .models import ApiKey
from .serializers import ReferralCreateSerializer, ReferralFilterSerializer, ReferralSerializer
from .throttling import ApiKeyRateThrottle

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_MAX_LENGTH = 255


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class Refused(exceptions.APIException):
    """A step the pilot function refuses, with its reason (RFC 9110 422)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "refused"


class LookupLimit(exceptions.Throttled):
    default_code = "identity_lookup_limit"


# How a refusal of the pilot function's services is answered, by its code.
REFUSAL_STATUS = {
    "duplicate_participant_elsewhere": Conflict,
    "episode_under_way": Conflict,
}


def api_error(error: DjangoValidationError) -> exceptions.APIException:
    """The API's answer to a refusal by a service, in the client's language."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(serializers.as_serializer_error(error))
    message = error.messages[0]
    code = getattr(error, "code", None) or "refused"
    if code == "identity_lookup_limit":
        # The window is the longest wait; a client that waits it is sure to get through.
        return LookupLimit(wait=settings.IDENTITY_LOOKUP_WINDOW_SECONDS, detail=message, code=code)
    return REFUSAL_STATUS.get(code, Refused)(detail=message, code=code)


class PartnerView(generics.GenericAPIView):
    authentication_classes = [ApiKeyAuthentication]
    # Stated here, not left to the settings: no call without a valid key.
    permission_classes = [permissions.IsAuthenticated]
    throttle_classes = [ApiKeyRateThrottle]
    serializer_class = ReferralSerializer

    def get_queryset(self):
        return (
            Referral.objects.visible_to(self.request.user)
            .select_related("participant", "referring_party", "caseworker__service_identity")
            .prefetch_related("placements__opening__enterprise")
            .order_by("-received_at", "-pk")
        )

    def finalize_response(self, request, response, *args, **kwargs):
        """Audit the call, whatever its answer: who, which key, what, and how it went."""
        key = request.auth if isinstance(getattr(request, "auth", None), ApiKey) else None
        refused = response.status_code >= 400
        # A refused key is named by the prefix it presented, if it has the form of one.
        presented = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        prefix = key.prefix if key else (keys.prefix_of(presented) or "-")
        audit_event_record(
            actor=key.identity.user if key else None,
            action=AuditEvent.Action.DENIED if refused else _ACTIONS.get(request.method, "view"),
            object_type=ApiKey._meta.label_lower,
            object_id=str(key.pk) if key else "",
            label=f"{prefix} {request.method} {request.path} {response.status_code}",
            reason="partner API call refused" if refused else "partner API call",
        )
        return super().finalize_response(request, response, *args, **kwargs)

    def audit_shown(self, referrals) -> None:
        audit_events_record(
            actor=self.request.user,
            action=AuditEvent.Action.VIEW,
            targets=referrals,
            labels=[referral.participant.code for referral in referrals],
            reason="referral read by a partner system",
        )


_ACTIONS = {"POST": AuditEvent.Action.CREATE}


@extend_schema(tags=["partner"])
class ReferralList(PartnerView):
    @extend_schema(
        operation_id="partner_referrals_list",
        summary="The party's referrals",
        parameters=[ReferralFilterSerializer],
        responses={200: ReferralSerializer(many=True)},
    )
    def get(self, request):
        filters = ReferralFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        referrals = self.get_queryset()
        if "status" in filters.validated_data:
            referrals = referrals.filter(status=filters.validated_data["status"])
        if "changed_since" in filters.validated_data:
            referrals = referrals.filter(
                status_changed_at__gte=filters.validated_data["changed_since"]
            )
        page = self.paginate_queryset(referrals)
        self.audit_shown(page)
        return self.get_paginated_response(ReferralSerializer(page, many=True).data)

    @extend_schema(
        operation_id="partner_referrals_create",
        summary="Send a referral",
        request=ReferralCreateSerializer,
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=True,
                description=(
                    "Any unique string up to 255 characters. Sent again with the same body "
                    "within 24 hours, the first answer is replayed; with another body, 422."
                ),
            )
        ],
        responses={201: ReferralSerializer},
        examples=[
            OpenApiExample(
                "A person new to Lotsen",
                request_only=True,
                value={
                    "personnummer": "19850312-2387",
                    "name": "Anna Andersson",
                    "gender": "woman",
                    "municipality": "2581",
                    "consent_scope": "placement",
                    "consent_date": "2026-05-04",
                    "reason": "Komma tillbaka till arbete.",
                    "caseworker": "anna.handlaggare@lulea.se",
                },
            )
        ],
    )
    def post(self, request):
        key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
        if not key or len(key) > IDEMPOTENCY_KEY_MAX_LENGTH:
            raise exceptions.ValidationError(
                {IDEMPOTENCY_HEADER: [_("Send an Idempotency-Key header of 1–255 characters.")]},
                code="idempotency_key",
            )
        service = request.auth.identity
        fingerprint = services.request_fingerprint(request.method, request.path, request.data)
        refusal = None
        with transaction.atomic():
            stored = services.idempotent_write_find(identity_of_system=service, key=key)
            if stored is not None:
                if stored.fingerprint != fingerprint:
                    raise Refused(
                        _("This Idempotency-Key was used with another request."),
                        code="idempotency_key_reused",
                    )
                return Response(
                    stored.response_body,
                    status=stored.status_code,
                    headers={"Location": stored.location, "Idempotent-Replayed": "true"},
                )
            serializer = ReferralCreateSerializer(data=request.data, party=service.organisation)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            try:
                referral = services.referral_send(
                    identity_of_system=service,
                    number=data["personnummer"],
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    participant=serializer.participant(),
                    reason=data["reason"],
                    caseworker=data.get("caseworker"),
                )
            except DjangoValidationError as error:
                # Answered once the block commits: the look-ups' audit events must stay.
                refusal = api_error(error)
            else:
                body = ReferralSerializer(self.get_queryset().get(pk=referral.pk)).data
                location = request.build_absolute_uri(f"{request.path}{referral.pk}")
                services.idempotent_write_store(
                    identity_of_system=service,
                    key=key,
                    fingerprint=fingerprint,
                    status_code=status.HTTP_201_CREATED,
                    body=body,
                    location=location,
                )
        if refusal is not None:
            raise refusal
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})


@extend_schema(tags=["partner"])
class ReferralDetail(PartnerView):
    @extend_schema(
        operation_id="partner_referrals_retrieve", summary="A referral, with its placements"
    )
    def get(self, request, pk: int):
        referral = generics.get_object_or_404(self.get_queryset(), pk=pk)
        self.audit_shown([referral])
        return Response(ReferralSerializer(referral).data)
