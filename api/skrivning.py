"""The API's writes (issue 17): one row at a time through the pages' own forms and services, and
bulk upserts through the import types' planners. A write needs the scope `write`, and
`borgerdata` besides when it is about citizens. The key acts as its jobcentre: a citizen it
names must be one of the jobcentre's own (`synlige_for`), and another jobcentre's citizen gets
the very answer an unknown id gets.

No rule is repeated here. A serializer only checks that the JSON has the right types (and gives
the schema); the page's form then checks the row exactly as it does for a member of staff, and
the page's service writes it and the access log. A bulk call's rows go to the same planner as an
import file's (`Importtype.koer_raekker`): every row checked, all written or none."""

from django.conf import settings
from django.db.models import Model
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from borgere.forms import ForloebOpretForm, MaalgruppeperiodeForm, YdelsesperiodeForm
from borgere.imports import FORLOEB, MAALGRUPPER, YDELSER
from borgere.models import (
    Borger,
    Forloebstype,
    Handling,
    Maalgruppeperiode,
    Praktikforloeb,
    Ydelsesperiode,
    normaliser_cpr,
)
from borgere.services import gem_periode, opret_forloeb, registrer_visning
from jobcenter.imports import Afvist, Importtype, maskeret
from virksomheder.forms import KontaktForm
from virksomheder.models import Formaal, Initiativ, Kanal, Kontakt, Virksomhed
from virksomheder.services import registrer_kontakt

from .idempotens import PARAMETER, med_idempotens
from .problemer import problem

MAKS_ID = 2**31 - 1
MAKS_TEKST = 5000
UKENDT_BORGER = "Jobcentret har ingen borger med dette id."


def id_felt(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAKS_ID, **kwargs)


def tekst_felt(**kwargs) -> serializers.CharField:
    return serializers.CharField(required=False, allow_blank=True, max_length=MAKS_TEKST, **kwargs)


# The bodies of the single writes. Types only: the forms hold the rules.


class KontaktOpretSerializer(serializers.Serializer):
    virksomhed = id_felt()
    dato = serializers.DateField(required=False, help_text="Som standard i dag.")
    kanal = serializers.ChoiceField(Kanal.choices)
    initiativ = serializers.ChoiceField(Initiativ.choices)
    formaal = serializers.ChoiceField(Formaal.choices)
    kontaktperson = id_felt(required=False, allow_null=True)
    arbejdssted = id_felt(required=False, allow_null=True)
    medarbejdere = serializers.ListField(
        child=id_felt(),
        required=False,
        max_length=50,
        help_text="Jobcentrets medarbejdere, der deltog; tom betyder systemet selv.",
    )
    note = tekst_felt()
    naeste_skridt = tekst_felt()
    opfoelgning_frist = serializers.DateField(required=False, allow_null=True)
    opfoelgning_ansvarlig = id_felt(required=False, allow_null=True)


class ForloebOpretSerializer(serializers.Serializer):
    borger = id_felt()
    virksomhed = id_felt()
    type = serializers.SlugField(max_length=40, help_text="Forløbstypens kode.")
    jobkonsulent = id_felt(help_text="En aktiv medarbejder i jobcentret.")
    start = serializers.DateField()
    planlagt_slut = serializers.DateField(
        required=False, allow_null=True, help_text="Tom giver typens sædvanlige længde."
    )


class YdelsesperiodeOpretSerializer(serializers.Serializer):
    borger = id_felt()
    ydelse = serializers.SlugField(max_length=40, help_text="Ydelsens kode.")
    fra = serializers.DateField()
    til = serializers.DateField(required=False, allow_null=True)


class MaalgruppeperiodeOpretSerializer(serializers.Serializer):
    borger = id_felt()
    maalgruppe = serializers.SlugField(max_length=40, help_text="Målgruppens kode.")
    fra = serializers.DateField()
    til = serializers.DateField(required=False, allow_null=True)


def formdata(data: dict) -> dict:
    """Validated JSON as a form's POST data: dates in ISO, None as empty."""
    return {
        navn: "" if v is None else (v.isoformat() if hasattr(v, "isoformat") else v)
        for navn, v in data.items()
    }


def afvis_formular(form) -> None:
    """The form's errors, in its own Danish words, as the API's 400."""
    raise ValidationError(
        {("ikke_felt" if felt == "__all__" else felt): fejl for felt, fejl in form.errors.items()}
    )


def pk_ved_kode(model: type[Model], kode: str, felt: str) -> int:
    pk = model.objects.filter(kode=kode).values_list("pk", flat=True).first()
    if pk is None:
        raise ValidationError({felt: [f"Ukendt kode »{kode}«."]})
    return pk


def egen_borger(request, pk: int) -> Borger:
    """The key's jobcentre's citizen, or the same error whether the id is unknown or another
    jobcentre's."""
    borger = Borger.objects.synlige_for(request.user).filter(pk=pk).first()
    if borger is None:
        raise ValidationError({"borger": [UKENDT_BORGER]})
    return borger


class Opretter:
    """A mixin for a Laeseressource: POST to the list creates one row through the model's entry
    in OPRETTELSER. Needs the scope write (Omfang reads `skrivehandlinger`)."""

    skrivehandlinger = frozenset({"create", "bulk"})

    def get_serializer_class(self):
        if getattr(self, "action", None) == "create":
            return OPRETTELSER[self.model][0]
        return super().get_serializer_class()

    def create(self, request, *args, **kwargs):
        opret_serializer, opret = OPRETTELSER[self.model]

        def handling() -> Response:
            data = opret_serializer(data=request.data)
            data.is_valid(raise_exception=True)
            objekt = opret(request, dict(data.validated_data))
            return Response(self.serializer_class(objekt).data, status=201)

        return med_idempotens(request, handling)


class Bulk(Opretter):
    """Besides, POST …/bulk/ upserts a list of rows through the model's import type."""

    bulk_handling = Handling.HISTORIK_RETTET

    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request, *args, **kwargs):
        importtype = IMPORTTYPER[self.model]
        return med_idempotens(request, lambda: bulk_upsert(request, importtype, self))


def raekke_serializer(importtype: Importtype) -> type[serializers.Serializer]:
    """A row of the bulk list: the import type's columns as text, the optional ones nullable."""
    felter = {
        kolonne: serializers.CharField(
            required=kolonne not in importtype.valgfri,
            allow_blank=kolonne in importtype.valgfri,
            allow_null=kolonne in importtype.valgfri,
            max_length=settings.IMPORT_MAKS_TEGN,
        )
        for kolonne in importtype.kolonner
    }
    navn = f"{importtype.kode.capitalize()}Raekke"
    return type(navn, (serializers.Serializer,), felter)


BULK_RESULTAT = inline_serializer(
    "BulkResultat",
    {
        "raekker": serializers.IntegerField(),
        "nye": serializers.IntegerField(),
        "opdaterede": serializers.IntegerField(),
        "uaendrede": serializers.IntegerField(),
    },
)


def bulk_upsert(request, importtype: Importtype, ressource) -> Response:
    raekker = request.data
    if not isinstance(raekker, list):
        raise ValidationError({"ikke_felt": ["Kroppen skal være en JSON-liste af rækker."]})
    hoejst = settings.API_BULK_MAKS_RAEKKER
    if len(raekker) > hoejst:
        return problem(
            "for-mange-raekker",
            f"Et kald må have højst {hoejst} rækker, dette har {len(raekker)}. Del listen op.",
        )
    if not raekker:
        raise ValidationError({"ikke_felt": ["Listen er tom; der er intet at skrive."]})
    Raekke = raekke_serializer(importtype)
    kendte = set(importtype.kolonner)
    fejl: list[tuple[int, str]] = []
    rows: list[tuple[int, list[str]]] = []
    for indeks, objekt in enumerate(raekker):
        if not isinstance(objekt, dict):
            fejl.append((indeks, "rækken skal være et JSON-objekt"))
            continue
        ukendte = sorted(str(k)[:50] for k in set(objekt) - kendte)
        if ukendte:
            fejl.append((indeks, f"ukendte felter: {', '.join(ukendte[:10])}"))
            continue
        raekke = Raekke(data=objekt)
        if not raekke.is_valid():
            beskeder = [f"{felt}: {' '.join(map(str, b))}" for felt, b in raekke.errors.items()]
            fejl.append((indeks, "; ".join(beskeder)))
            continue
        # The planner's numbers start at 1 (0 means »not a row of the call«).
        celler = [raekke.validated_data.get(k) or "" for k in importtype.kolonner]
        rows.append((indeks + 1, celler))
    if fejl:
        return afvis_raekker(fejl)
    try:
        resultat = importtype.koer_raekker(rows=rows, bruger=request.user)
    except Afvist as afvist:
        return afvis_raekker([(max(nummer - 1, 0), besked) for nummer, besked in afvist.fejl])
    cpr_numre = {normaliser_cpr(celler[0]) for _, celler in rows}
    borger_ids = Borger.objects.filter(
        jobcenter_id=request.user.jobcenter_id, cpr__in=cpr_numre
    ).values_list("pk", flat=True)
    registrer_visning(
        bruger=request.user, borger_ids=list(borger_ids), handling=ressource.bulk_handling
    )
    return Response(
        {
            "raekker": resultat.raekker,
            "nye": resultat.nye,
            "opdaterede": resultat.opdaterede,
            "uaendrede": resultat.uaendrede,
        }
    )


def afvis_raekker(fejl: list[tuple[int, str]]) -> Response:
    """Every bad row, by its 0-based index in the list, at most IMPORT_MAKS_FEJL of them."""
    fejl = sorted(fejl)
    vist = fejl[: settings.IMPORT_MAKS_FEJL]
    flere = f" De første {len(vist)} er vist." if len(fejl) > len(vist) else ""
    return problem(
        "ugyldige-raekker",
        f"{len(fejl)} rækker er ugyldige; intet er skrevet. »indeks« er rækkens plads i "
        f"listen, 0 for den første.{flere}",
        # Masked as the import's messages are: a CPR number may stand anywhere, even in a key.
        raekker=[{"indeks": indeks, "fejl": maskeret(besked)} for indeks, besked in vist],
    )


def bulk_skema(importtype: Importtype, beskrivelse: str):
    return extend_schema(
        request=raekke_serializer(importtype)(many=True),
        responses={
            200: BULK_RESULTAT,
            413: OpenApiResponse(description="For mange rækker (for-mange-raekker)."),
            422: OpenApiResponse(description="Idempotensnøglen er genbrugt."),
        },
        parameters=[PARAMETER],
        description=f"{beskrivelse} Rækkerne har importens kolonner "
        f"({', '.join(importtype.kolonner)}) og dens regler: alle rækker kontrolleres, og enten "
        "skrives de alle eller ingen. Fejl kommer som én 400 (ugyldige-raekker) med hver ugyldig "
        "rækkes indeks (0 for den første). Samme liste to gange ændrer intet anden gang.",
    )


def opret_skema(serializer, svar, beskrivelse: str):
    return extend_schema(
        request=serializer,
        responses={201: svar, 422: OpenApiResponse(description="Idempotensnøglen er genbrugt.")},
        parameters=[PARAMETER],
        description=beskrivelse,
    )


# The single writes, each through its page's form and service.


def opret_kontakt(request, data: dict) -> Kontakt:
    virksomhed = Virksomhed.objects.filter(pk=data["virksomhed"]).first()
    if virksomhed is None:
        raise ValidationError({"virksomhed": ["Ukendt virksomhed."]})
    data.setdefault("dato", timezone.localdate())
    form = KontaktForm(
        formdata({k: v for k, v in data.items() if k != "virksomhed"}),
        instance=Kontakt(virksomhed=virksomhed),
        virksomhed=virksomhed,
        bruger=request.user,
    )
    if not form.is_valid():
        afvis_formular(form)
    renset = form.cleaned_data
    return registrer_kontakt(
        bruger=request.user,
        kontakt=form.save(commit=False),
        medarbejdere=list(renset["medarbejdere"]),
        opfoelgning_frist=renset["opfoelgning_frist"],
        opfoelgning_ansvarlig=renset["opfoelgning_ansvarlig"],
    )


def opret_praktikforloeb(request, data: dict) -> Praktikforloeb:
    borger = egen_borger(request, data.pop("borger"))
    data["type"] = pk_ved_kode(Forloebstype, data["type"], "type")
    form = ForloebOpretForm(
        formdata(data), instance=Praktikforloeb(borger=borger), bruger=request.user
    )
    if not form.is_valid():
        afvis_formular(form)
    return opret_forloeb(bruger=request.user, forloeb=form.save(commit=False))


def opret_periode(request, data: dict, model, form_class):
    borger = egen_borger(request, data.pop("borger"))
    felt = model.kategori_felt
    data[felt] = pk_ved_kode(model._meta.get_field(felt).related_model, data[felt], felt)
    form = form_class(formdata(data), instance=model(borger=borger))
    if not form.is_valid():
        afvis_formular(form)
    return gem_periode(bruger=request.user, periode=form.save(commit=False))


OPRETTELSER = {
    Kontakt: (KontaktOpretSerializer, opret_kontakt),
    Praktikforloeb: (ForloebOpretSerializer, opret_praktikforloeb),
    Ydelsesperiode: (
        YdelsesperiodeOpretSerializer,
        lambda request, data: opret_periode(request, data, Ydelsesperiode, YdelsesperiodeForm),
    ),
    Maalgruppeperiode: (
        MaalgruppeperiodeOpretSerializer,
        lambda request, data: opret_periode(
            request, data, Maalgruppeperiode, MaalgruppeperiodeForm
        ),
    ),
}
IMPORTTYPER = {Ydelsesperiode: YDELSER, Maalgruppeperiode: MAALGRUPPER, Praktikforloeb: FORLOEB}
