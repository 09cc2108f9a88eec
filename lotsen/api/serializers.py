"""What the public read API gives, and the filters it takes.

The social enterprises are the directory's open data record (lotsen.organisations
.opendata), so the API and the downloadable files say the same thing in the same words.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lotsen.organisations import opendata

MUNICIPALITY_CODE = r"^[0-9]{4}$"
SNI_CODE = r"^[0-9]{2}(\.?[0-9]{1,3})?$"


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
