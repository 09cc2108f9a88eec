"""What the public read API gives, and the filters it takes.

The social enterprises are the directory's open data record (lotsen.organisations
.opendata), so the API and the downloadable files say the same thing in the same words.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotsen.core.small_cells import Hidden
from lotsen.events.models import Event
from lotsen.impact.periods import Period
from lotsen.knowledge.models import Resource
from lotsen.organisations import opendata
from lotsen.procurement import ocds
from lotsen.procurement.models import Award, Opportunity

MUNICIPALITY_CODE = r"^[0-9]{4}$"
SNI_CODE = r"^[0-9]{2}(\.?[0-9]{1,3})?$"
# A hidden statistic is named as such, never given as a mark such as "<5" that reads
# as a small number (decision 0204).
HIDDEN_REASON = {Hidden.SMALL: "liten_grupp", Hidden.PROTECTING: "skyddar_annan"}
HIDDEN_REASONS = list(HIDDEN_REASON.values())


class UpdatedSinceFilter(serializers.Serializer):
    uppdaterad_sedan = serializers.DateTimeField(
        required=False,
        help_text=_("Only what was changed at or after this time (ISO 8601)."),
    )


class EnterpriseFilter(UpdatedSinceFilter):
    kommun = serializers.RegexField(
        MUNICIPALITY_CODE,
        required=False,
        help_text=_("SCB's four-digit municipality code: based in or serving it."),
    )
    sni = serializers.RegexField(
        SNI_CODE,
        required=False,
        help_text=_("An SNI 2007 code, with or without the dot (10.710 or 10710)."),
    )


class EnterpriseSerializer(serializers.Serializer):
    """A public directory profile; `id` is the organisation's slug, which never changes."""

    id = serializers.SlugField(source="organisation.slug")
    namn = serializers.CharField()
    organisationsnummer = serializers.CharField(allow_blank=True)
    profilsida = serializers.URLField()
    kommun = serializers.CharField(allow_blank=True)
    kommunkod = serializers.CharField(allow_blank=True)
    adress = serializers.CharField(allow_blank=True)
    telefon = serializers.CharField(allow_blank=True)
    epost = serializers.CharField(allow_blank=True)
    webbplats = serializers.CharField(allow_blank=True)
    associationsform = serializers.CharField(allow_blank=True)
    grundat_ar = serializers.IntegerField(allow_null=True)
    skoopi_medlem = serializers.BooleanField()
    certifierad_sedan = serializers.DateField(allow_null=True)
    antal_anstallda = serializers.IntegerField(allow_null=True)
    andel_fran_malgrupp = serializers.IntegerField(allow_null=True)
    reserverad_upphandling = serializers.BooleanField()
    verifierad = serializers.BooleanField()
    sni_koder = serializers.ListField(child=serializers.CharField())
    tjanster = serializers.ListField(child=serializers.CharField())
    kommuner_som_betjanas = serializers.ListField(child=serializers.CharField())
    tar_emot_arbetstranare = serializers.BooleanField()
    arbetstraningsplatser = serializers.IntegerField(allow_null=True)
    beskrivning = serializers.CharField(allow_blank=True)
    uppdaterad = serializers.DateField()

    def to_representation(self, instance) -> dict:
        base_url = self.context["request"].build_absolute_uri("/").rstrip("/")
        return {"id": instance.organisation.slug, **opendata.record(instance, base_url)}


class PeriodFilter(UpdatedSinceFilter):
    fran = serializers.DateField(required=False, help_text=_("From this date (YYYY-MM-DD)."))
    till = serializers.DateField(required=False, help_text=_("Up to and including this date."))

    def validate(self, data: dict) -> dict:
        if data.get("fran") and data.get("till") and data["till"] < data["fran"]:
            raise serializers.ValidationError({"till": _("The end is before the start.")})
        return data


class EventFilter(PeriodFilter):
    kommun = serializers.RegexField(
        MUNICIPALITY_CODE, required=False, help_text=_("SCB's four-digit municipality code.")
    )


class OpportunityFilter(UpdatedSinceFilter):
    kommun = serializers.RegexField(
        MUNICIPALITY_CODE,
        required=False,
        help_text=_("SCB's four-digit municipality code of a place of delivery."),
    )
    status = serializers.ChoiceField(
        choices=[
            status for status in Opportunity.Status.values if status != Opportunity.Status.DRAFT
        ],
        required=False,
    )


class StatisticsFilter(serializers.Serializer):
    ar = serializers.IntegerField(
        required=False, help_text=_("The calendar year; this year when left out.")
    )

    def validate_ar(self, year: int) -> Period:
        try:
            return Period.year_of(year)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error


class PublicRecordSerializer(serializers.ModelSerializer):
    # What the records with a page of their own share: the slug as `id`, their kind and
    # title, the page's address and the time of the last change. Each names them in its
    # `Meta.fields`, which sets their order.

    id = serializers.SlugField(source="slug")
    typ = serializers.CharField(source="kind")
    titel = serializers.CharField(source="title")
    sida = serializers.SerializerMethodField(help_text=_("The record's page on the site."))
    uppdaterad = serializers.DateTimeField(source="updated_at")

    @extend_schema_field(OpenApiTypes.URI)
    def get_sida(self, instance) -> str:
        return self.context["request"].build_absolute_uri(instance.get_absolute_url())


class EventSerializer(PublicRecordSerializer):
    """A public event; `id` is its slug, which never changes."""

    beskrivning = serializers.CharField(source="description")
    borjar = serializers.DateTimeField(source="starts_at")
    slutar = serializers.DateTimeField(source="ends_at")
    plats = serializers.CharField(source="place")
    kommunkod = serializers.CharField(source="municipality_id", allow_null=True)
    onlinelank = serializers.CharField(source="online_url")
    malgrupp = serializers.CharField(source="audience")
    platser = serializers.IntegerField(source="capacity", allow_null=True)
    anmalan_oppnar = serializers.DateTimeField(source="registration_opens_at", allow_null=True)
    anmalan_stanger = serializers.DateTimeField(source="registration_closes_at", allow_null=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "typ",
            "titel",
            "beskrivning",
            "borjar",
            "slutar",
            "plats",
            "kommunkod",
            "onlinelank",
            "malgrupp",
            "platser",
            "anmalan_oppnar",
            "anmalan_stanger",
            "sida",
            "uppdaterad",
        ]


class ResourceSerializer(PublicRecordSerializer):
    """A published knowledge resource; `id` is its slug, which never changes."""

    sammanfattning = serializers.CharField(source="summary")
    text = serializers.CharField(source="body", help_text=_("Markdown."))
    malgrupp = serializers.CharField(source="audience")
    lank = serializers.CharField(source="url")
    kalla = serializers.CharField(source="source")
    kalla_url = serializers.CharField(source="source_url")
    publicerad = serializers.DateTimeField(source="published_at")

    class Meta:
        model = Resource
        fields = [
            "id",
            "typ",
            "titel",
            "sammanfattning",
            "text",
            "malgrupp",
            "lank",
            "kalla",
            "kalla_url",
            "publicerad",
            "sida",
            "uppdaterad",
        ]


class OpportunitySerializer(PublicRecordSerializer):
    """A published procurement opportunity; `id` is its slug, `ocid` its OCDS id."""

    ocid = serializers.SerializerMethodField()
    beskrivning = serializers.CharField(source="description")
    kopare = serializers.CharField(source="buyer.name")
    kopare_organisationsnummer = serializers.CharField(source="buyer.org_number", allow_null=True)
    cpv = serializers.CharField(source="main_cpv_id", allow_null=True)
    kommuner = serializers.SlugRelatedField(
        source="municipalities", slug_field="code", many=True, read_only=True
    )
    uppskattat_varde = serializers.DecimalField(
        source="estimated_value", max_digits=14, decimal_places=2, allow_null=True
    )
    publicerad = serializers.DateTimeField(source="published_at", allow_null=True)
    sista_dag_for_fragor = serializers.DateField(source="questions_until", allow_null=True)
    sista_anbudsdag = serializers.DateTimeField(source="tenders_due", allow_null=True)
    avtal_borjar = serializers.DateField(source="contract_start", allow_null=True)
    avtal_slutar = serializers.DateField(source="contract_end", allow_null=True)
    annons = serializers.CharField(source="notice_url")
    reserverad = serializers.BooleanField(source="is_reserved")

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "ocid",
            "typ",
            "status",
            "titel",
            "beskrivning",
            "kopare",
            "kopare_organisationsnummer",
            "cpv",
            "kommuner",
            "uppskattat_varde",
            "publicerad",
            "sista_dag_for_fragor",
            "sista_anbudsdag",
            "avtal_borjar",
            "avtal_slutar",
            "annons",
            "reserverad",
            "sida",
            "uppdaterad",
        ]

    def get_ocid(self, opportunity) -> str:
        return ocds.ocid(opportunity)


class AwardSerializer(serializers.ModelSerializer):
    """An award of a published opportunity, as in the OCDS file; `id` is its number."""

    upphandling = serializers.SlugField(source="opportunity.slug")
    leverantor = serializers.CharField(source="supplier_display")
    leverantor_organisationsnummer = serializers.SerializerMethodField()
    varde = serializers.DecimalField(source="value", max_digits=14, decimal_places=2)
    tilldelad = serializers.DateField(source="awarded_on")
    avtal_borjar = serializers.DateField(source="period_start", allow_null=True)
    avtal_slutar = serializers.DateField(source="period_end", allow_null=True)
    registrerad = serializers.DateTimeField(source="recorded_at")

    class Meta:
        model = Award
        fields = [
            "id",
            "upphandling",
            "leverantor",
            "leverantor_organisationsnummer",
            "varde",
            "tilldelad",
            "avtal_borjar",
            "avtal_slutar",
            "registrerad",
        ]

    def get_leverantor_organisationsnummer(self, award) -> str | None:
        return award.supplier.org_number if award.supplier_id else None


class StatisticsRowSerializer(serializers.Serializer):
    rad = serializers.CharField(help_text=_("What the row counts."))
    varde = serializers.FloatField(
        allow_null=True, help_text=_("The value; null when it is hidden or there is none.")
    )
    dold = serializers.ChoiceField(
        choices=HIDDEN_REASONS,
        allow_null=True,
        help_text=_(
            "Why the value is hidden: liten_grupp (1–4 people, or a share resting on them) "
            "or skyddar_annan (hidden so that a small group cannot be worked out); "
            "null when it is shown."
        ),
    )
    foregaende_varde = serializers.FloatField(allow_null=True)
    foregaende_dold = serializers.ChoiceField(choices=HIDDEN_REASONS, allow_null=True)


class IndicatorSerializer(serializers.Serializer):
    indikator = serializers.CharField()
    rubrik = serializers.CharField()
    definition = serializers.CharField()
    enhet = serializers.CharField()
    rader = StatisticsRowSerializer(many=True)


class StatisticsSerializer(serializers.Serializer):
    period = serializers.CharField()
    foregaende_period = serializers.CharField()
    indikatorer = IndicatorSerializer(many=True)
