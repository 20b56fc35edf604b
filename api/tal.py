"""Computed figures through the API (issue 17, item 1): campaigns with their goals' snapshots,
course purchases with their places per jobcentre, survey rounds and their indsatskort. Each
shows what the pages show the jobcentre's leader, read through the same services and rules:
`maaloversigt` + `vis_for` for a campaign, `pladsregnskab` for a purchase, `kan_se_gruppe` for a
round's groups (a small group is suppressed, design.md §5). The citizens enrolled on a course
are a resource of their own, the caller's own jobcentre's only, with the scope borgerdata."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from borgere.models import Handling, Kampagne, Maal
from borgere.services import maaloversigt
from borgere.services.maal import vis_for
from kursuskob.access import kan_se_gruppe
from kursuskob.models import Kursuskob, Runde, Tilmelding
from kursuskob.services import pladsregnskab

from .viewsets import Laeseressource

# Campaigns.


class MaalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Maal
        fields = ["kode", "navn", "art"]


class KampagneSerializer(serializers.ModelSerializer):
    maal = MaalSerializer(many=True, read_only=True)

    class Meta:
        model = Kampagne
        fields = ["id", "kode", "navn", "start", "slut", "beskrivelse", "maal"]


def tal(**kwargs):
    """A computed figure: a share as 0.2000, a count as 12.0000; null where there is none."""
    return serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True, **kwargs)


class SnapshotSerializer(serializers.Serializer):
    dato = serializers.DateField()
    vaerdi = tal()
    taeller = serializers.IntegerField(allow_null=True)
    naevner = serializers.IntegerField(allow_null=True)
    maaltal = tal()
    baseline = tal(help_text="Værdien ved kampagnens start.")
    maalopfyldelse = tal(help_text="Værdien delt med måltallet.")
    beregnet = serializers.DateTimeField()


class UdviklingSerializer(serializers.Serializer):
    dato = serializers.DateField()
    egen = tal()
    landet = tal()
    maaltal = tal()


class MaaltavleSerializer(serializers.Serializer):
    maal = MaalSerializer()
    enhed = serializers.CharField(source="art.enhedsnavn")
    hvem_taeller = serializers.CharField()
    egen = SnapshotSerializer(allow_null=True, help_text="Jobcentrets eget tal på datoen.")
    landet = SnapshotSerializer(allow_null=True, help_text="Hele landets tal på datoen.")
    udvikling = UdviklingSerializer(many=True, help_text="Den sidst beregnede dag hver måned.")
    for_faa = serializers.BooleanField(
        help_text="Jobcentrets tal hviler på for få til at blive vist (MINDSTE_ANTAL)."
    )


class KampagneMedTalSerializer(KampagneSerializer):
    """A campaign with its figures, as its page shows them to the jobcentre's leader: per goal
    the jobcentre's own figure and the country's on the latest computed date, and the trend.
    Other jobcentres' figures (the page's ranking) are not in the API."""

    dato = serializers.SerializerMethodField(help_text="Den seneste beregnede dato, eller null.")
    tavler = serializers.SerializerMethodField()

    class Meta(KampagneSerializer.Meta):
        fields = [*KampagneSerializer.Meta.fields, "dato", "tavler"]

    def oversigt(self, kampagne: Kampagne):
        if not hasattr(self, "_oversigt"):
            bruger = self.context["request"].user
            dato, tavler = maaloversigt(kampagne=kampagne, jobcenter_id=bruger.jobcenter_id)
            self._oversigt = dato, vis_for(tavler, bruger=bruger)
        return self._oversigt

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_dato(self, kampagne: Kampagne):
        dato = self.oversigt(kampagne)[0]
        return None if dato is None else dato.isoformat()

    @extend_schema_field(MaaltavleSerializer(many=True))
    def get_tavler(self, kampagne: Kampagne):
        return MaaltavleSerializer(self.oversigt(kampagne)[1], many=True).data


class KampagneViewSet(Laeseressource):
    """Kampagner med mål; detaljen med de beregnede tal (jobcentrets egne og landets)."""

    model = Kampagne
    serializer_class = KampagneSerializer

    def raekker(self):
        # Campaigns are national: every jobcentre's leader sees them all.
        return Kampagne.objects.prefetch_related("maal")

    def get_serializer_class(self):
        return KampagneMedTalSerializer if self.action == "retrieve" else KampagneSerializer


# Course purchases.


class PladslinjeSerializer(serializers.Serializer):
    jobcenter = serializers.CharField(source="tildeling.jobcenter.navn")
    kommunenummer = serializers.IntegerField(source="tildeling.jobcenter.kommunenummer")
    pladser = serializers.IntegerField(source="tildeling.pladser")
    frigivet = serializers.IntegerField(source="tildeling.frigivet")
    henviste = serializers.IntegerField()
    optagne = serializers.IntegerField()
    venteliste = serializers.IntegerField()


class KursuskobSerializer(serializers.ModelSerializer):
    kursus = serializers.CharField(source="hold.kursus.titel")
    institution = serializers.CharField(source="hold.institution.navn")
    kapacitet = serializers.IntegerField(source="hold.kapacitet")
    primaert_jobcenter = serializers.CharField(source="primaert_jobcenter.navn")
    tilsagn = serializers.IntegerField(help_text="Pladser, jobcentrene har givet tilsagn om.")
    frigivne = serializers.IntegerField(help_text="Pladser, jobcentrene har frigivet.")
    optagne = serializers.IntegerField(help_text="Borgere optaget på holdet, alle jobcentre.")
    ledige = serializers.IntegerField(help_text="Pladser, ingen er optaget på.")
    til_koeb = serializers.IntegerField(help_text="Pladser, et andet jobcenter kan købe.")

    class Meta:
        model = Kursuskob
        fields = [
            "id",
            "kursus",
            "institution",
            "fase",
            "samarbejdsmodel",
            "netvaerk",
            "primaert_jobcenter",
            "kapacitet",
            "tilsagn",
            "frigivne",
            "optagne",
            "ledige",
            "til_koeb",
            "oprettet",
        ]


class KursuskobMedPladserSerializer(KursuskobSerializer):
    pladser = serializers.SerializerMethodField(
        help_text="Pladsregnskabet pr. jobcenter, som kursuskøbets side viser det."
    )

    class Meta(KursuskobSerializer.Meta):
        fields = [*KursuskobSerializer.Meta.fields, "pladser"]

    @extend_schema_field(PladslinjeSerializer(many=True))
    def get_pladser(self, kob: Kursuskob):
        return PladslinjeSerializer(pladsregnskab(kob).linjer, many=True).data


class KursuskobViewSet(Laeseressource):
    """Kursuskøb, jobcentret deltager i eller kan købe pladser på: tal på tværs af jobcentre,
    ingen borgere (dem har /kursustilmeldinger/, kun jobcentrets egne)."""

    model = Kursuskob
    serializer_class = KursuskobSerializer

    def raekker(self):
        return (
            Kursuskob.objects.synlige_for(self.request.user)
            .med_tal()
            .select_related("hold__kursus", "hold__institution", "primaert_jobcenter")
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return KursuskobMedPladserSerializer
        return KursuskobSerializer


class TilmeldingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tilmelding
        fields = [
            "id",
            "kursuskob",
            "borger",
            "status",
            "henvist",
            "udfald",
            "udfald_dato",
            "opdateret",
        ]


class TilmeldingViewSet(Laeseressource):
    """Jobcentrets egne borgeres tilmeldinger til kursuskøb. Kræver omfanget borgerdata."""

    model = Tilmelding
    serializer_class = TilmeldingSerializer
    filtrer_aendret = True
    kraever_borgerdata = True
    borger_id_felt = "borger_id"
    handling_detalje = Handling.KURSUS


# Survey rounds and their indsatskort.


class RundeSerializer(serializers.ModelSerializer):
    skema = serializers.CharField(source="skema.navn")
    jobcentre = serializers.SlugRelatedField(slug_field="navn", many=True, read_only=True)

    class Meta:
        model = Runde
        fields = ["id", "navn", "skema", "netvaerk", "jobcentre", "frist", "lukket", "oprettet"]


class FaktorSerializer(serializers.Serializer):
    kode = serializers.CharField()
    tekst = serializers.CharField()
    type = serializers.CharField(help_text="barriere eller drivkraft.")
    x = serializers.FloatField(allow_null=True, help_text="Betydning (x-aksen).")
    ci_lav = serializers.FloatField(allow_null=True)
    ci_hoej = serializers.FloatField(allow_null=True)
    y = serializers.FloatField(allow_null=True, help_text="Score (y-aksen).")
    n = serializers.IntegerField()
    kvadrant = serializers.CharField(allow_null=True)


class GruppeSerializer(serializers.Serializer):
    navn = serializers.CharField()
    n = serializers.IntegerField(help_text="Besvarelser i gruppen.")
    vises = serializers.BooleanField(
        help_text="Falsk: for få besvarelser til at vise gruppens tal (MINDSTE_ANTAL)."
    )
    faktorer = FaktorSerializer(many=True, help_text="Tom, når gruppen ikke vises.")


class AnalyseSerializer(serializers.Serializer):
    metode = serializers.CharField()
    beregnet = serializers.DateTimeField()
    grupper = GruppeSerializer(many=True)


class RundeViewSet(Laeseressource):
    """Undersøgelsesrunder, jobcentret er med i eller har sendt ud."""

    model = Runde
    serializer_class = RundeSerializer

    def raekker(self):
        return (
            Runde.objects.synlige_for(self.request.user)
            .select_related("skema", "oprettet_af")
            .prefetch_related("jobcentre")
        )

    @extend_schema(responses={200: AnalyseSerializer(many=True)})
    @action(detail=True, url_path="analyse", pagination_class=None)
    def analyse(self, request, pk=None):
        """Rundens beregnede indsatskort pr. metode og gruppe. En gruppe med for få
        besvarelser vises ikke (samme regel som siderne: kan_se_gruppe)."""
        runde = self.get_object()
        svar = []
        for analyse in runde.analyser.order_by("metode"):
            grupper = []
            for gruppe in analyse.resultat["grupper"]:
                vises = kan_se_gruppe(request.user, runde, gruppe)
                faktorer = []
                if vises:
                    for type_ in ("barriere", "drivkraft"):
                        faktorer += gruppe["kort"].get(type_, {}).get("faktorer", [])
                grupper.append(
                    {"navn": gruppe["navn"], "n": gruppe["n"], "vises": vises, "faktorer": faktorer}
                )
            svar.append(
                {"metode": analyse.metode, "beregnet": analyse.beregnet, "grupper": grupper}
            )
        return Response(AnalyseSerializer(svar, many=True).data)
