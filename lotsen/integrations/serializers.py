"""What the partner API reads and writes: referrals with their placements' outcomes."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lotsen.accounts.models import User
from lotsen.core.identifiers import normalise_org_number, normalise_phone_number
from lotsen.core.models import Municipality
from lotsen.placements import identity, policies
from lotsen.placements.models import Gender, Participant, Placement, Referral


class PlacementSerializer(serializers.ModelSerializer):
    """A placement of the referral, and how it ended: what the party follows up."""

    work_training_place = serializers.CharField(source="opening.title")
    enterprise = serializers.CharField(source="opening.enterprise.name")

    class Meta:
        model = Placement
        fields = [
            "id",
            "status",
            "work_training_place",
            "enterprise",
            "proposed_at",
            "started_on",
            "ended_on",
            "exit_reason",
            "outcome",
            "income_source_after",
            "work_study_percent_after",
        ]


class ReferralSerializer(serializers.ModelSerializer):
    participant = serializers.CharField(source="participant.code")
    referring_party = serializers.CharField(source="referring_party.name")
    caseworker = serializers.SerializerMethodField(
        help_text=_(
            "The e-mail address of the caseworker responsible; null for a referral the "
            "party's system sent naming none."
        )
    )
    placements = PlacementSerializer(many=True)

    def get_caseworker(self, referral) -> str | None:
        user = referral.caseworker
        return None if hasattr(user, "service_identity") else user.email

    class Meta:
        model = Referral
        fields = [
            "id",
            "participant",
            "referring_party",
            "caseworker",
            "status",
            "received_at",
            "status_changed_at",
            "reason",
            "decline_reason",
            "placements",
        ]


class ReferralFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Referral.Status.choices, required=False)
    changed_since = serializers.DateTimeField(
        required=False, help_text=_("Only referrals whose status changed at or after this time.")
    )


class ReferralCreateSerializer(serializers.Serializer):
    """A referral as the party's caseworker makes it: the person, their consent, the aim.

    The person's details and consent register them when Lotsen does not yet know them;
    for a participant the party already has, they are not changed and may be left out.
    """

    personnummer = serializers.CharField(
        max_length=13,
        help_text=_("A personnummer or samordningsnummer, twelve digits, e.g. 19850312-1234."),
    )
    name = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    gender = serializers.ChoiceField(choices=Gender.choices, required=False)
    municipality = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Municipality.objects.all(),
        required=False,
        help_text=_("The four-digit municipality code, e.g. 2581."),
    )
    consent_scope = serializers.ChoiceField(
        choices=Participant.ConsentScope.choices, required=False
    )
    consent_date = serializers.DateField(required=False)
    reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "What the participant wants to achieve. Restricted: no diagnoses or health details."
        ),
    )
    referring_party = serializers.CharField(
        max_length=20,
        required=False,
        help_text=_("The party's organisation number, to check that the key is the party's."),
    )
    caseworker = serializers.EmailField(
        required=False,
        help_text=_(
            "The e-mail address of the caseworker responsible for the referral, an active "
            "caseworker of the party in Lotsen; the placement's e-mails go to them. Left "
            "out, they go to the party's caseworkers."
        ),
    )

    def __init__(self, *args, party=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.party = party

    def validate_personnummer(self, value: str) -> identity.IdentityNumber:
        return identity.parse_identity_number(value)

    def validate_phone(self, value: str) -> str:
        return normalise_phone_number(value) if value else ""

    def validate_consent_date(self, value):
        if value > timezone.localdate():
            raise ValidationError(_("The consent date cannot be in the future."), code="future")
        return value

    def validate_referring_party(self, value: str) -> str:
        number = normalise_org_number(value)
        if self.party is not None and number != self.party.org_number:
            raise ValidationError(
                _("This key sends referrals for %(party)s only."),
                code="other_party",
                params={"party": self.party.name},
            )
        return number

    def validate_caseworker(self, value: str) -> User:
        responsible = (
            policies.responsible_caseworkers(self.party).filter(user__email__iexact=value).first()
            if self.party is not None
            else None
        )
        if responsible is None:
            raise ValidationError(
                _("%(party)s has no active caseworker in Lotsen with this e-mail address."),
                code="unknown_caseworker",
                params={"party": self.party.name if self.party is not None else "-"},
            )
        return responsible.user

    def participant(self) -> Participant:
        """The unsaved participant to register, should the person be new to Lotsen."""
        data = self.validated_data
        return Participant(
            gender=data.get("gender", ""),
            municipality=data.get("municipality"),
            consent_scope=data.get("consent_scope", ""),
            consent_date=data.get("consent_date"),
        )
