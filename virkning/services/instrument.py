"""Copying and editing instruments. An instrument that has been used (a measurement was taken
with it, or a trial measures on it) is never changed: the edit first makes a new version
(`ny_version_hvis_brugt`), and lands on that; the measurements keep the version they were taken
with. A national template (no jobcentre) is never edited at all: it is copied."""

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from jobcenter.models import Bruger, Jobcenter

from ..models import (
    Forsoeg,
    Indikator,
    Instrument,
    Maaling,
    Screeningsbetingelse,
    Screeningskategori,
)

INSTRUMENTFELTER = ("navn", "beskrivelse", "frist_dage", "interval_uger")
INDIKATORFELTER = (
    "kode",
    "stilles_til",
    "navn",
    "formulering",
    "dimension",
    "skala_min",
    "skala_max",
    "label_min",
    "label_max",
    "hoejere_er_bedre",
    "raekkefoelge",
)


def er_brugt(instrument: Instrument) -> bool:
    """Has a measurement been taken with it, or does a trial measure on it?"""
    return (
        Maaling.objects.filter(instrument=instrument).exists()
        or Forsoeg.objects.filter(
            Q(indikator__instrument=instrument) | Q(kategori__instrument=instrument)
        ).exists()
    )


def kopier_indhold(*, fra: Instrument, til: Instrument) -> None:
    """Every indicator, category and condition of `fra`, copied onto `til`."""
    til.maalgrupper.set(fra.maalgrupper.all())
    Indikator.objects.bulk_create(
        Indikator(instrument=til, **{f: getattr(i, f) for f in INDIKATORFELTER})
        for i in fra.indikatorer.all()
    )
    for kategori in fra.kategorier.prefetch_related("betingelser"):
        ny = Screeningskategori.objects.create(
            instrument=til,
            navn=kategori.navn,
            forklaring=kategori.forklaring,
            raekkefoelge=kategori.raekkefoelge,
        )
        Screeningsbetingelse.objects.bulk_create(
            Screeningsbetingelse(kategori=ny, dimension=b.dimension, graense=b.graense)
            for b in kategori.betingelser.all()
        )


def ledig_kode(*, kode: str, jobcenter: Jobcenter) -> str:
    """`kode`, or `kode-2`, `kode-3`, … if the jobcentre already has an instrument with it."""
    brugte = set(Instrument.objects.filter(jobcenter=jobcenter).values_list("kode", flat=True))
    if kode not in brugte:
        return kode
    nummer = 2
    while f"{kode[:36]}-{nummer}" in brugte:
        nummer += 1
    return f"{kode[:36]}-{nummer}"


@transaction.atomic
def kopier_instrument(
    *, instrument: Instrument, jobcenter: Jobcenter, bruger: Bruger
) -> Instrument:
    """An editable copy of a template (or of the jobcentre's own instrument) in `jobcenter`,
    with all indicators, categories and conditions. A template's first copy keeps its code and
    name, so import files and measurements speak of »progression« as before; the jobcentre's
    own version is then the one offered (see `InstrumentQuerySet.i_brug`)."""
    kode = ledig_kode(kode=instrument.kode, jobcenter=jobcenter)
    navn = instrument.navn if kode == instrument.kode else f"Kopi af {instrument.navn}"
    kopi = Instrument.objects.create(
        jobcenter=jobcenter,
        kode=kode,
        navn=navn[:120],
        art=instrument.art,
        beskrivelse=instrument.beskrivelse,
        frist_dage=instrument.frist_dage,
        interval_uger=instrument.interval_uger,
        oprettet_af=bruger,
    )
    kopier_indhold(fra=instrument, til=kopi)
    return kopi


@transaction.atomic
def ny_version_hvis_brugt(*, instrument: Instrument, bruger: Bruger) -> Instrument:
    """The instrument to edit: itself while unused; once used, a new version (version + 1, the
    old one as its predecessor) that becomes the active one, while the old one stops being
    offered and keeps its measurements unchanged."""
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    if not er_brugt(instrument):
        return instrument
    instrument.aktiv = False
    instrument.save(update_fields=["aktiv"])
    ny = Instrument.objects.create(
        jobcenter=instrument.jobcenter,
        kode=instrument.kode,
        navn=instrument.navn,
        art=instrument.art,
        beskrivelse=instrument.beskrivelse,
        version=instrument.version + 1,
        forgaenger=instrument,
        frist_dage=instrument.frist_dage,
        interval_uger=instrument.interval_uger,
        oprettet_af=bruger,
    )
    kopier_indhold(fra=instrument, til=ny)
    return ny


@transaction.atomic
def ret_instrument(
    *, instrument: Instrument, felter: Mapping, maalgrupper, bruger: Bruger
) -> Instrument:
    """Name, description, schedule and target groups (none: every target group)."""
    maal = ny_version_hvis_brugt(instrument=instrument, bruger=bruger)
    for felt in INSTRUMENTFELTER:
        setattr(maal, felt, felter[felt])
    maal.save()
    maal.maalgrupper.set(maalgrupper)
    return maal


@transaction.atomic
def gem_indikator(
    *, instrument: Instrument, indikator: Indikator | None, felter: Mapping, bruger: Bruger
) -> Instrument:
    """A new indicator (`indikator` None) or a change to one; returns the version it landed on."""
    maal = ny_version_hvis_brugt(instrument=instrument, bruger=bruger)
    if indikator is None:
        raekke = Indikator(instrument=maal)
    else:
        raekke = maal.indikatorer.get(kode=indikator.kode)
    for felt in INDIKATORFELTER:
        setattr(raekke, felt, felter[felt])
    raekke.full_clean()
    raekke.save()
    return maal


@transaction.atomic
def fjern_indikator(*, indikator: Indikator, bruger: Bruger) -> Instrument:
    maal = ny_version_hvis_brugt(instrument=indikator.instrument, bruger=bruger)
    maal.indikatorer.filter(kode=indikator.kode).delete()
    return maal


@transaction.atomic
def gem_kategori(
    *,
    instrument: Instrument,
    kategori: Screeningskategori | None,
    felter: Mapping,
    graenser: Mapping[str, Decimal | None],
    bruger: Bruger,
) -> Instrument:
    """A screening category and its conditions (`graenser`: dimension → »under« this value; None
    or missing: no condition on that dimension). A category without conditions catches the rest."""
    maal = ny_version_hvis_brugt(instrument=instrument, bruger=bruger)
    if kategori is None:
        raekke = Screeningskategori(instrument=maal)
    else:
        raekke = maal.kategorier.get(navn=kategori.navn)
    for felt in ("navn", "forklaring", "raekkefoelge"):
        setattr(raekke, felt, felter[felt])
    raekke.full_clean()
    raekke.save()
    raekke.betingelser.all().delete()
    Screeningsbetingelse.objects.bulk_create(
        Screeningsbetingelse(kategori=raekke, dimension=dimension, graense=graense)
        for dimension, graense in graenser.items()
        if graense is not None
    )
    return maal


@transaction.atomic
def fjern_kategori(*, kategori: Screeningskategori, bruger: Bruger) -> Instrument:
    maal = ny_version_hvis_brugt(instrument=kategori.instrument, bruger=bruger)
    maal.kategorier.filter(navn=kategori.navn).delete()
    return maal
