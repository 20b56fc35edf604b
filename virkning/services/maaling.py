"""Taking a measurement, and what falls due (issue 16 §2).

The schedule is data on the instrument (`maalgrupper`, `frist_dage`, `interval_uger`). The due
rule, for a citizen in a target group the instrument covers (a target-group period running
today; an instrument without target groups covers them all):

- the first measurement falls due `frist_dage` after the current period began, unless a
  measurement with the instrument's code (any version) has been taken since it began;
- after that, `interval_uger` weeks after the latest one (never, when the interval is empty).

The rule is one annotated query per instrument in force, never a loop over citizens."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone

from borgere.models import Borger, Maalgruppeperiode, Praktikforloeb
from jobcenter.models import Bruger
from kursuskob.models import Tilmelding

from ..models import Art, Instrument, Maaling, Svar
from .screening import kategori_for

# A measurement in the browser is of the recent past: older ones come by import.
AELDSTE_DAGE = 5 * 366
# The due list also shows what falls due within this many days.
SNART_DAGE = 14


@transaction.atomic
def registrer_maaling(
    *,
    bruger: Bruger,
    borger: Borger,
    instrument: Instrument,
    dato: datetime.date,
    vaerdier: dict[int, int],
    forloeb: Praktikforloeb | None = None,
    tilmelding: Tilmelding | None = None,
    idag: datetime.date | None = None,
) -> Maaling:
    """One measurement with its answers (`vaerdier`: indicator id → value). A screening gets its
    category and the reasons by the instrument's rules as they are today, kept on the row."""
    idag = idag or timezone.localdate()
    if borger.jobcenter_id != bruger.jobcenter_id:
        raise ValidationError("Borgeren hører til et andet jobcenter.")
    if (
        not Instrument.objects.i_brug(jobcenter_id=bruger.jobcenter_id)
        .filter(pk=instrument.pk)
        .exists()
    ):
        raise ValidationError("Instrumentet er ikke i brug i jeres jobcenter.")
    if dato > idag:
        raise ValidationError("Målingens dato må ikke ligge i fremtiden.")
    if dato < idag - datetime.timedelta(days=AELDSTE_DAGE):
        raise ValidationError(
            "Målingens dato ligger mere end fem år tilbage; importér ældre målinger."
        )
    if forloeb is not None and forloeb.borger_id != borger.pk:
        raise ValidationError("Forløbet hører ikke til borgeren.")
    if tilmelding is not None and tilmelding.borger_id != borger.pk:
        raise ValidationError("Kurset hører ikke til borgeren.")
    indikatorer = {i.pk: i for i in instrument.indikatorer.all()}
    if not vaerdier:
        raise ValidationError("Besvar mindst én indikator.")
    for pk, vaerdi in vaerdier.items():
        indikator = indikatorer.get(pk)
        if indikator is None:
            raise ValidationError("Et svar hører ikke til instrumentet.")
        if (
            isinstance(vaerdi, bool)
            or not isinstance(vaerdi, int)
            or not indikator.skala_min <= vaerdi <= indikator.skala_max
        ):
            raise ValidationError(
                f"»{indikator.navn}« besvares med et tal fra {indikator.skala_min} "
                f"til {indikator.skala_max}."
            )
    if Maaling.objects.filter(borger=borger, instrument=instrument, dato=dato).exists():
        raise ValidationError(
            f"Borgeren har allerede en måling med {instrument.navn} den {dato:%d-%m-%Y}. "
            "Slet den, hvis den skal tages om."
        )
    kategori, begrundelse = None, []
    if instrument.art == Art.SCREENING:
        kategori, begrundelse = kategori_for(instrument=instrument, vaerdier=vaerdier)
    maaling = Maaling.objects.create(
        borger=borger,
        jobcenter_id=borger.jobcenter_id,
        instrument=instrument,
        dato=dato,
        forloeb=forloeb,
        tilmelding=tilmelding,
        udfyldt_af=bruger,
        kategori=kategori,
        begrundelse=begrundelse,
    )
    Svar.objects.bulk_create(
        Svar(maaling=maaling, indikator_id=pk, vaerdi=vaerdi) for pk, vaerdi in vaerdier.items()
    )
    return maaling


@transaction.atomic
def slet_maaling(*, bruger: Bruger, maaling: Maaling) -> None:
    """A measurement taken by mistake is deleted with its answers; the access log keeps that the
    citizen was looked at."""
    if maaling.jobcenter_id != bruger.jobcenter_id:
        raise ValidationError("Målingen hører til et andet jobcenter.")
    maaling.delete()


def _frister(*, jobcenter_id: int, idag: datetime.date, instrument: Instrument) -> QuerySet:
    """The target-group periods running `idag` that `instrument` covers, annotated with
    `seneste` (the latest measurement with its code since the period began) and `frist` (when
    the next one falls due); periods with nothing more due are left out."""
    perioder = Maalgruppeperiode.objects.filter(borger__jobcenter_id=jobcenter_id).paa_dato(idag)
    grupper = [g.pk for g in instrument.maalgrupper.all()]
    if grupper:
        perioder = perioder.filter(maalgruppe_id__in=grupper)
    seneste = (
        Maaling.objects.filter(
            jobcenter_id=jobcenter_id,
            borger=OuterRef("borger"),
            instrument__kode=instrument.kode,
            dato__gte=OuterRef("fra"),
        )
        .order_by("-dato")
        .values("dato")[:1]
    )
    perioder = perioder.annotate(seneste=Subquery(seneste, output_field=DateField()))
    foerste = Cast(F("fra") + datetime.timedelta(days=instrument.frist_dage), DateField())
    if instrument.interval_uger:
        naeste = Cast(
            F("seneste") + datetime.timedelta(weeks=instrument.interval_uger), DateField()
        )
        frist = Case(When(seneste__isnull=True, then=foerste), default=naeste)
    else:
        perioder = perioder.filter(seneste__isnull=True)
        frist = foerste
    return perioder.annotate(
        frist=frist, instrument_pk=Value(instrument.pk, output_field=IntegerField())
    ).order_by()


def _mine(perioder: QuerySet, *, konsulent: Bruger, idag: datetime.date) -> QuerySet:
    """»Mine« on the due list: the consultant is the jobkonsulent of a forløb of the citizen
    running `idag`, or took the citizen's latest measurement (any instrument)."""
    seneste_af = (
        Maaling.objects.filter(borger=OuterRef("borger"))
        .order_by("-dato", "-pk")
        .values("udfyldt_af")[:1]
    )
    koerer = Praktikforloeb.objects.koerende(idag).filter(
        borger=OuterRef("borger"), jobkonsulent=konsulent
    )
    return perioder.annotate(seneste_af_pk=Subquery(seneste_af)).filter(
        Q(Exists(koerer)) | Q(seneste_af_pk=konsulent.pk)
    )


@dataclass(frozen=True)
class Forfalden:
    borger: Borger
    instrument: Instrument
    frist: datetime.date
    dage_over: int  # days past due; negative: due in so many days
    seneste: datetime.date | None
    screening: Maaling | None  # the citizen's latest screening, with its category


def forfaldne(
    *,
    jobcenter_id: int,
    idag: datetime.date,
    konsulent: Bruger | None = None,
    dage_frem: int = SNART_DAGE,
) -> QuerySet:
    """What falls due by `idag + dage_frem` in a jobcentre, for one consultant's citizens
    (see `mine`) or all: rows of `borger_id`, `instrument_pk`, `frist`, `seneste`, earliest
    first. One query; `rækker` turns a page of it into `Forfalden`."""
    dele = []
    for instrument in Instrument.objects.i_brug(jobcenter_id=jobcenter_id).prefetch_related(
        "maalgrupper"
    ):
        del_ = _frister(jobcenter_id=jobcenter_id, idag=idag, instrument=instrument).filter(
            frist__lte=idag + datetime.timedelta(days=dage_frem)
        )
        if konsulent is not None:
            del_ = _mine(del_, konsulent=konsulent, idag=idag)
        dele.append(del_.values("borger_id", "instrument_pk", "frist", "seneste"))
    if not dele:
        return Maalgruppeperiode.objects.none().values("borger_id")
    foerste, *resten = dele
    if resten:
        foerste = foerste.union(*resten, all=True)
    return foerste.order_by("frist", "borger_id", "instrument_pk")


def raekker(raekke_dicts, *, idag: datetime.date) -> list[Forfalden]:
    """A page of `forfaldne` with its citizens, instruments and latest screenings loaded (three
    queries)."""
    raekke_dicts = list(raekke_dicts)
    borgere = Borger.objects.in_bulk({r["borger_id"] for r in raekke_dicts})
    screeninger = seneste_screeninger(borgere)
    instrumenter = Instrument.objects.in_bulk({r["instrument_pk"] for r in raekke_dicts})
    return [
        Forfalden(
            borger=borgere[r["borger_id"]],
            instrument=instrumenter[r["instrument_pk"]],
            frist=r["frist"],
            dage_over=(idag - r["frist"]).days,
            seneste=r["seneste"],
            screening=screeninger.get(r["borger_id"]),
        )
        for r in raekke_dicts
    ]


def antal_forfaldne(*, jobcenter_id: int, idag: datetime.date) -> int:
    """Measurements due today or earlier in the jobcentre (a count per instrument)."""
    return sum(
        _frister(jobcenter_id=jobcenter_id, idag=idag, instrument=instrument)
        .filter(frist__lte=idag)
        .count()
        for instrument in Instrument.objects.i_brug(jobcenter_id=jobcenter_id).prefetch_related(
            "maalgrupper"
        )
    )


def naeste_frister(
    *, borger: Borger, idag: datetime.date
) -> list[tuple[Instrument, datetime.date]]:
    """When each instrument in force next falls due for one citizen, earliest first."""
    frister = []
    for instrument in Instrument.objects.i_brug(jobcenter_id=borger.jobcenter_id).prefetch_related(
        "maalgrupper"
    ):
        frist = (
            _frister(jobcenter_id=borger.jobcenter_id, idag=idag, instrument=instrument)
            .filter(borger=borger)
            .values_list("frist", flat=True)
            .first()
        )
        if frist is not None:
            frister.append((instrument, frist))
    return sorted(frister, key=lambda f: (f[1], f[0].navn))


@dataclass(frozen=True)
class Screeningsandel:
    i_maalgruppen: int
    screenet: int
    har_screening: bool

    @property
    def procent(self) -> int | None:
        return round(100 * self.screenet / self.i_maalgruppen) if self.i_maalgruppen else None


def screeningsandel(*, jobcenter_id: int, idag: datetime.date) -> Screeningsandel:
    """Citizens in a target group a screening instrument covers today, and those of them
    screened (any screening in force, any version) since their current period began. One
    query."""
    screeninger = list(
        Instrument.objects.i_brug(jobcenter_id=jobcenter_id)
        .filter(art=Art.SCREENING)
        .prefetch_related("maalgrupper")
    )
    if not screeninger:
        return Screeningsandel(0, 0, har_screening=False)
    perioder = Maalgruppeperiode.objects.filter(borger__jobcenter_id=jobcenter_id).paa_dato(idag)
    if all(i.maalgrupper.all() for i in screeninger):
        perioder = perioder.filter(
            maalgruppe_id__in={g.pk for i in screeninger for g in i.maalgrupper.all()}
        )
    screenet = Exists(
        Maaling.objects.filter(
            jobcenter_id=jobcenter_id,
            borger=OuterRef("borger"),
            instrument__kode__in=[i.kode for i in screeninger],
            instrument__art=Art.SCREENING,
            dato__gte=OuterRef("fra"),
        )
    )
    tal = perioder.aggregate(i_alt=Count("pk"), screenet=Count("pk", filter=Q(screenet)))
    return Screeningsandel(tal["i_alt"], tal["screenet"], har_screening=True)


def seneste_screeninger(borger_ids) -> dict[int, Maaling]:
    """Each citizen's latest screening, with its category (one query)."""
    seneste: dict[int, Maaling] = {}
    for maaling in (
        Maaling.objects.filter(borger_id__in=set(borger_ids), instrument__art=Art.SCREENING)
        .select_related("kategori", "instrument")
        .order_by("borger_id", "-dato", "-pk")
    ):
        seneste.setdefault(maaling.borger_id, maaling)
    return seneste
