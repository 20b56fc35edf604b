"""The company side of the API (issue 17, item 1): the jobcentre's own relation to a shared
company (kontaktansvarlig, prioritetsgruppe, segments, notes), and its own tasks, job orders,
agreements and virksomhedscentre with their places. Every queryset goes through the rows'
`synlige_for(user)`, as the pages do; another jobcentre's ids answer 404.

A task that a citizen's forløb gave names the citizen on the pages (`opgave_emner`). The API
names no citizen on a task: it gives the forløb's id, and only to a key with the scope
borgerdata, which is written to the access log as the citizen's forløb shown."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from borgere.models import Forloebsopgave, Handling, Praktikforloeb
from borgere.services import registrer_visning
from virksomheder.forms import AftaleForm
from virksomheder.models import (
    Aftale,
    Jobordre,
    Opgave,
    Plads,
    Virksomhed,
    Virksomhedscenter,
    Virksomhedsforhold,
    Virksomhedsnotat,
)

from .viewsets import Laeseressource


def medarbejder(bruger) -> str | None:
    """A member of staff as the pages name them: full name, else the user name."""
    if bruger is None:
        return None
    return bruger.get_full_name() or bruger.get_username()


@extend_schema_field({"type": "string", "nullable": True})
class MedarbejderField(serializers.Field):
    """A member of staff named (read-only), as the pages show them; null if none."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        # A missing person (SET_NULL) is null, not an error.
        return getattr(instance, self.source, None)

    def to_representation(self, value):
        return medarbejder(value)


# The caller's own relation to a shared company.


class NotatSerializer(serializers.ModelSerializer):
    forfatter = MedarbejderField()

    class Meta:
        model = Virksomhedsnotat
        fields = ["id", "tekst", "forfatter", "oprettet"]


class VirksomhedJobcenterSerializer(serializers.Serializer):
    virksomhed = serializers.IntegerField(help_text="Virksomhedens id.")
    kontaktansvarlig = serializers.CharField(
        allow_null=True, help_text="Jobcentrets kontaktansvarlige for virksomheden."
    )
    prioritetsgruppe = serializers.IntegerField(
        allow_null=True, help_text="1 (højst) til 4, eller null, hvis jobcentret ikke har valgt."
    )
    segmenter = serializers.ListField(child=serializers.CharField())
    notater = NotatSerializer(many=True, help_text="Jobcentrets egne notater, nyeste først.")


class VirksomhedJobcenterViewSet(viewsets.GenericViewSet):
    """Jobcentrets eget forhold til en fælles virksomhed: kontaktansvarlig, prioritetsgruppe,
    segmenter og egne notater. Andre jobcentres forhold og notater vises aldrig."""

    serializer_class = VirksomhedJobcenterSerializer
    queryset = Virksomhed.objects.none()

    @extend_schema(operation_id="virksomheder_jobcenter_retrieve")
    def retrieve(self, request, pk: int):
        # Companies are shared: any jobcentre may ask about any of them.
        virksomhed = get_object_or_404(Virksomhed, pk=pk)
        bruger = request.user
        forhold = (
            Virksomhedsforhold.objects.synlige_for(bruger)
            .filter(virksomhed=virksomhed)
            .select_related("kontaktansvarlig")
            .prefetch_related("segmenter")
            .first()
        )
        notater = (
            Virksomhedsnotat.objects.synlige_for(bruger)
            .filter(virksomhed=virksomhed)
            .select_related("forfatter")
            .order_by("-oprettet", "-pk")
        )
        data = {
            "virksomhed": virksomhed.pk,
            "kontaktansvarlig": medarbejder(forhold.kontaktansvarlig) if forhold else None,
            "prioritetsgruppe": forhold.prioritetsgruppe if forhold else None,
            "segmenter": [s.navn for s in forhold.segmenter.all()] if forhold else [],
            "notater": NotatSerializer(notater, many=True).data,
        }
        return Response(VirksomhedJobcenterSerializer(data).data)


# Tasks.


class OpgaveSerializer(serializers.ModelSerializer):
    ansvarlig = MedarbejderField()
    praktikforloeb = serializers.SerializerMethodField(
        help_text="Forløbet, opgaven kom fra; kun med omfanget borgerdata, ellers null."
    )

    class Meta:
        model = Opgave
        fields = [
            "id",
            "virksomhed",
            "kontakt",
            "aftale",
            "art",
            "titel",
            "beskrivelse",
            "frist",
            "ansvarlig",
            "udfoert",
            "oprettet",
            "opdateret",
            "praktikforloeb",
        ]

    def get_praktikforloeb(self, opgave: Opgave) -> int | None:
        return self.context.get("forloeb", {}).get(opgave.pk)


class OpgaveViewSet(Laeseressource):
    """Jobcentrets egne opgaver. En opgave fra et forløb nævner ingen borger; forløbets id
    vises kun for en nøgle med omfanget borgerdata (og skrives i adgangsloggen)."""

    model = Opgave
    serializer_class = OpgaveSerializer
    filtrer_aendret = True
    handling_detalje = Handling.FORLOEB_VIST

    def raekker(self):
        return Opgave.objects.synlige_for(self.request.user).select_related("ansvarlig")

    def log(self, objekter, handling) -> None:
        """Which of these tasks came from a forløb the key may see: only with borgerdata, each
        such forløb's citizen logged, as the task list logs the citizens it names."""
        self.forloeb = {}
        if not self.request.auth.har("borgerdata"):
            return
        links = Forloebsopgave.objects.filter(
            opgave__in=[o.pk for o in objekter],
            forloeb__in=Praktikforloeb.objects.synlige_for(self.request.user),
        ).values_list("opgave_id", "forloeb_id", "forloeb__borger_id")
        borgere = []
        for opgave_id, forloeb_id, borger_id in links:
            self.forloeb[opgave_id] = forloeb_id
            borgere.append(borger_id)
        registrer_visning(bruger=self.request.user, borger_ids=borgere, handling=handling)

    def get_serializer_context(self):
        return super().get_serializer_context() | {"forloeb": getattr(self, "forloeb", {})}


# Job orders and agreements.


class JobordreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Jobordre
        fields = [
            "id",
            "virksomhed",
            "arbejdssted",
            "stilling",
            "antal",
            "frist",
            "status",
            "beskrivelse",
            "kontaktperson",
            "oprettet",
            "opdateret",
        ]


class JobordreViewSet(Laeseressource):
    """Jobcentrets egne jobordrer (kandidaterne, som er borgere, vises ikke her)."""

    model = Jobordre
    serializer_class = JobordreSerializer
    filtrer_aendret = True


class AftaleSerializer(serializers.ModelSerializer):
    ansvarlig = MedarbejderField()

    class Meta:
        model = Aftale
        # What the page's form edits, and the agreement's company and times.
        fields = ["id", "virksomhed", *AftaleForm.Meta.fields, "oprettet", "opdateret"]


class AftaleViewSet(Laeseressource):
    """Jobcentrets egne aftaler med virksomheder."""

    model = Aftale
    serializer_class = AftaleSerializer
    filtrer_aendret = True

    def raekker(self):
        return Aftale.objects.synlige_for(self.request.user).select_related("ansvarlig")


# Virksomhedscentre and their places.


class PladsSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plads
        fields = ["id", "funktion", "maalgruppe", "beskrivelse", "aktiv", "oprettet"]


class VirksomhedscenterSerializer(serializers.ModelSerializer):
    tovholder = MedarbejderField()
    pladser = PladsSerializer(many=True, read_only=True)

    class Meta:
        model = Virksomhedscenter
        fields = [
            "id",
            "virksomhed",
            "arbejdssted",
            "aftale",
            "navn",
            "form",
            "maalgruppe",
            "beskrivelse",
            "tovholder",
            "aktiv",
            "oprettet",
            "opdateret",
            "pladser",
        ]


class VirksomhedscenterViewSet(Laeseressource):
    """Jobcentrets egne virksomhedscentre med deres pladser (hvem der fylder en plads, er et
    forløb og vises under praktikforløb)."""

    model = Virksomhedscenter
    serializer_class = VirksomhedscenterSerializer
    filtrer_aendret = True

    def raekker(self):
        return (
            Virksomhedscenter.objects.synlige_for(self.request.user)
            .select_related("tovholder")
            .prefetch_related("pladser")
        )
