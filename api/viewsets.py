"""The API's resources (the writes are in skrivning.py). Every queryset goes through the rows'
`synlige_for(user)`: the key's system user sees its own jobcentre's rows exactly as a member of
staff does, and another jobcentre's ids answer 404. Every citizen a response shows is written to
the access log with the system user as actor."""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from borgere.models import Borger, Handling, Maalgruppeperiode, Praktikforloeb, Ydelsesperiode
from borgere.services import find_ved_cpr, registrer_visning
from virksomheder.models import Kontakt, Virksomhed

from . import serializers, skrivning
from .pagination import Sider, SiderEfterAendring
from .skrivning import Bulk, Opretter, bulk_skema, opret_skema


def aendret_efter(request) -> datetime.datetime | None:
    tekst = request.query_params.get("aendret_efter")
    if tekst is None:
        return None
    try:
        tidspunkt = parse_datetime(tekst) if len(tekst) <= 40 else None
        if tidspunkt is not None:
            if timezone.is_naive(tidspunkt):
                tidspunkt = timezone.make_aware(tidspunkt)
            # In UTC: PostgreSQL refuses offsets beyond ±15:59, Python allows ±23:59.
            tidspunkt = tidspunkt.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        tidspunkt = None
    if tidspunkt is None:
        raise ValidationError(
            {"aendret_efter": ["Skal være et tidspunkt i ISO 8601, fx 2026-11-30T08:00:00+01:00."]}
        )
    return tidspunkt


class Laeseressource(viewsets.ReadOnlyModelViewSet):
    """A read-only resource with integer ids (`<int:pk>` in the URLs)."""

    lookup_value_converter = "int"
    pagination_class = Sider
    kraever_borgerdata = False
    # Resources with `opdateret` offer `aendret_efter` and are paged in the order of change
    # (SiderEfterAendring, which also puts the parameter in the schema); the others by id.
    filtrer_aendret = False
    # Shared by every jobcentre (companies): a deleted row is listed to every key (sletninger.py).
    faelles = False
    # The access log: how a row names its citizen (None: the resource holds no citizen).
    borger_id_felt: str | None = None
    handling_detalje = Handling.VIST

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.filtrer_aendret:
            cls.pagination_class = SiderEfterAendring

    def raekker(self):
        """The rows the key's jobcentre may see: the one scoping rule of the model."""
        return self.model.objects.synlige_for(self.request.user)

    def get_queryset(self):
        qs = self.raekker()
        if self.filtrer_aendret:
            tidspunkt = aendret_efter(self.request)
            if tidspunkt is not None:
                qs = qs.filter(opdateret__gt=tidspunkt)
        return qs.order_by()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # A misspelt parameter (`aendret_efer`) must not quietly return everything.
        kendte = {"cursor", "antal", "aendret_efter"} if self.action == "list" else set()
        if not self.filtrer_aendret:
            kendte.discard("aendret_efter")
        ukendte = sorted(set(request.query_params) - kendte)
        if ukendte:
            raise ValidationError({navn[:50]: ["Ukendt parameter."] for navn in ukendte[:10]})

    def list(self, request, *args, **kwargs):
        qs = self.filter_queryset(self.get_queryset())
        side = self.paginate_queryset(qs)
        self.log(side, Handling.LISTE)
        return self.get_paginated_response(self.get_serializer(side, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        objekt = self.get_object()
        self.log([objekt], self.handling_detalje)
        return Response(self.get_serializer(objekt).data)

    def log(self, objekter, handling) -> None:
        if self.borger_id_felt is None:
            return
        ider = [getattr(o, self.borger_id_felt) for o in objekter]
        registrer_visning(bruger=self.request.user, borger_ids=ider, handling=handling)


class VirksomhedViewSet(Laeseressource):
    """Virksomheder: fælles for alle jobcentre."""

    model = Virksomhed
    faelles = True
    serializer_class = serializers.VirksomhedSerializer
    filtrer_aendret = True

    def raekker(self):
        # Companies are shared: every jobcentre sees all of them (the permission class has
        # already refused anyone outside a jobcentre).
        return Virksomhed.objects.select_related("branche", "kommune")


@extend_schema_view(
    create=opret_skema(
        skrivning.KontaktOpretSerializer,
        serializers.KontaktSerializer,
        "Registrér en kontakt med en virksomhed, med kontaktformularens regler. Kræver omfanget "
        "write.",
    ),
)
class KontaktViewSet(Opretter, Laeseressource):
    """Jobcentrets egne kontakter med virksomheder."""

    model = Kontakt
    serializer_class = serializers.KontaktSerializer
    filtrer_aendret = True


class BorgerViewSet(Laeseressource):
    """Jobcentrets egne borgere. Kræver omfanget borgerdata; CPR er maskeret."""

    model = Borger
    serializer_class = serializers.BorgerSerializer
    filtrer_aendret = True
    kraever_borgerdata = True
    borger_id_felt = "pk"

    @extend_schema(
        request=serializers.CprOpslagSerializer,
        responses={200: serializers.BorgerMedCprSerializer},
        description="Find jobcentrets borger med dette CPR-nummer. Nummeret sendes i "
        "forespørgslens krop, aldrig i adressen. Svaret er 404, hvis jobcentret ikke har en "
        "borger med nummeret, uanset om andre jobcentre har.",
    )
    @action(detail=False, methods=["post"], url_path="opslag")
    def opslag(self, request):
        data = serializers.CprOpslagSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        borger = find_ved_cpr(bruger=request.user, cpr=data.validated_data["cpr"])
        if borger is None:
            raise NotFound
        return Response(serializers.BorgerMedCprSerializer(borger).data)


class Perioderessource(Bulk, Laeseressource):
    """A kind of a citizen's dated periods (ydelser, målgrupper): the citizens of the key's
    jobcentre only, with the period's category. Kræver omfanget borgerdata."""

    filtrer_aendret = True
    kraever_borgerdata = True
    borger_id_felt = "borger_id"

    def raekker(self):
        return self.model.objects.filter(
            borger__in=Borger.objects.synlige_for(self.request.user)
        ).select_related(self.model.kategori_felt)


@extend_schema_view(
    create=opret_skema(
        skrivning.YdelsesperiodeOpretSerializer,
        serializers.YdelsesperiodeSerializer,
        "Tilføj en ydelsesperiode til en af jobcentrets borgere (ingen overlap; ydelsen skal "
        "gælde i dag og i perioden). Kræver write og borgerdata.",
    ),
    bulk=bulk_skema(skrivning.YDELSER, "Opdatér ydelsesperioder som importen »ydelser«."),
)
class YdelsesperiodeViewSet(Perioderessource):
    """Borgernes ydelsesperioder. Kræver omfanget borgerdata."""

    model = Ydelsesperiode
    serializer_class = serializers.YdelsesperiodeSerializer


@extend_schema_view(
    create=opret_skema(
        skrivning.MaalgruppeperiodeOpretSerializer,
        serializers.MaalgruppeperiodeSerializer,
        "Tilføj en målgruppeperiode til en af jobcentrets borgere (ingen overlap; målgruppen "
        "skal gælde i dag og i perioden). Kræver write og borgerdata.",
    ),
    bulk=bulk_skema(skrivning.MAALGRUPPER, "Opdatér målgruppeperioder som importen »maalgrupper«."),
)
class MaalgruppeperiodeViewSet(Perioderessource):
    """Borgernes målgruppeperioder. Kræver omfanget borgerdata."""

    model = Maalgruppeperiode
    serializer_class = serializers.MaalgruppeperiodeSerializer


@extend_schema_view(
    create=opret_skema(
        skrivning.ForloebOpretSerializer,
        serializers.PraktikforloebSerializer,
        "Opret et forløb i trin 1 for en af jobcentrets borgere, med formularens regler. "
        "Kræver write og borgerdata.",
    ),
    bulk=bulk_skema(skrivning.FORLOEB, "Opdatér forløb som importen »forloeb«."),
)
class PraktikforloebViewSet(Bulk, Laeseressource):
    """Borgernes praktikforløb. Kræver omfanget borgerdata."""

    bulk_handling = Handling.FORLOEB_RETTET

    model = Praktikforloeb
    serializer_class = serializers.PraktikforloebSerializer
    filtrer_aendret = True
    kraever_borgerdata = True
    borger_id_felt = "borger_id"
    handling_detalje = Handling.FORLOEB_VIST

    def raekker(self):
        return Praktikforloeb.objects.synlige_for(self.request.user).select_related("type")
