"""What the API shows of each resource: named fields only, never `__all__`, so a new column is
not published by accident. Citizens' CPR numbers are masked (`010190-xxxx`) everywhere except in
the answer to a look-up by CPR, whose caller sent the number."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from borgere.models import Borger, Maalgruppeperiode, Praktikforloeb, Ydelsesperiode
from virksomheder.models import Kontakt, Virksomhed


class VirksomhedSerializer(serializers.ModelSerializer):
    branche = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    kommune = serializers.SlugRelatedField(slug_field="kommunenummer", read_only=True)

    class Meta:
        model = Virksomhed
        fields = [
            "id",
            "cvr",
            "navn",
            "branche",
            "sektor",
            "stoerrelse",
            "adresse",
            "postnummer",
            "by",
            "kommune",
            "telefon",
            "email",
            "hjemmeside",
            "oprettet",
            "opdateret",
        ]


class KontaktSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kontakt
        fields = [
            "id",
            "virksomhed",
            "arbejdssted",
            "dato",
            "kanal",
            "initiativ",
            "formaal",
            "kontaktperson",
            "note",
            "naeste_skridt",
            "oprettet",
            "opdateret",
        ]


class BorgerSerializer(serializers.ModelSerializer):
    cpr = serializers.SerializerMethodField(help_text="Maskeret: fødselsdato og »-xxxx«.")

    class Meta:
        model = Borger
        fields = [
            "id",
            "cpr",
            "fornavn",
            "efternavn",
            "adresse",
            "postnummer",
            "by",
            "telefon",
            "email",
            "oprettet",
            "opdateret",
            "anonymiseret",
        ]

    @extend_schema_field({"type": "string", "pattern": "^[0-9]{6}-xxxx$"})
    def get_cpr(self, borger: Borger) -> str:
        return borger.cpr_maskeret


class BorgerMedCprSerializer(BorgerSerializer):
    """The answer to a look-up: the caller sent the number, so it gets it back in full."""

    @extend_schema_field({"type": "string", "pattern": "^[0-9]{10}$"})
    def get_cpr(self, borger: Borger) -> str:
        return borger.cpr


class CprOpslagSerializer(serializers.Serializer):
    cpr = serializers.RegexField(
        r"^[0-9]{6}-?[0-9]{4}$",
        max_length=11,
        help_text="10 cifre, eventuelt med bindestreg efter de første 6.",
        error_messages={"invalid": "Skriv CPR-nummeret som 10 cifre (ddmmåå-xxxx)."},
    )


class YdelsesperiodeSerializer(serializers.ModelSerializer):
    ydelse = serializers.SlugRelatedField(slug_field="kode", read_only=True)

    class Meta:
        model = Ydelsesperiode
        fields = ["id", "borger", "ydelse", "fra", "til", "opdateret"]


class MaalgruppeperiodeSerializer(serializers.ModelSerializer):
    maalgruppe = serializers.SlugRelatedField(slug_field="kode", read_only=True)

    class Meta:
        model = Maalgruppeperiode
        fields = ["id", "borger", "maalgruppe", "fra", "til", "opdateret"]


class PraktikforloebSerializer(serializers.ModelSerializer):
    type = serializers.SlugRelatedField(slug_field="kode", read_only=True)

    class Meta:
        model = Praktikforloeb
        fields = [
            "id",
            "borger",
            "virksomhed",
            "arbejdssted",
            "type",
            "trin",
            "start",
            "planlagt_slut",
            "faktisk_slut",
            "udfald",
            "selvforsoergende_4_uger",
            "oprettet",
            "opdateret",
        ]
