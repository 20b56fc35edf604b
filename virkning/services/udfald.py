"""Outcomes per effort (issue 16, item 4): the nightly computation that writes
`Indsatsudfald` rows, and the reads the pages make of them.

Who counts:
- a forløb counts once it has ended (trin 5, ended on or before the date); it is
  self-supporting by `Praktikforloeb.objects.med_selvforsoergelse(uger=UDFALD_UGER)`, the one
  definition of Mål 2, and counts in the share once its follow-up day has come;
- a course counts its enrolments that began (started, completed or broken off) on a class that
  has ended; self-supporting is »not on any benefit UDFALD_UGER weeks after the class's end
  date«, by the same predicate (`borgere.models.forloeb.paa_dato` over `Ydelsesperiode`) as the
  forløb's;
- a forløb's screening category is the citizen's latest screening on or before its start.
Progression: per indicator (instrument code / indicator code, so versions and the jobcentres'
copies of a national instrument add up) the last answer on or before the start and the first on
or after the end, each within 120 days.
Too few: a figure with n below max(10, MINDSTE_ANTAL) is stored as NULL with its n. Companies
are thousands: a jobcentre's companies below the rule are written as one row »øvrige
virksomheder«, not one row each."""

import datetime

import numpy as np
import pandas as pd
from django.conf import settings
from django.db.models import DateField, F, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone

from borgere.models import Forloebstype, Praktikforloeb, Trin, Ydelsesperiode
from borgere.models.forloeb import paa_dato
from jobcenter.services import laast_beregning
from kursuskob.models import Kursus, Tilmelding
from kursuskob.models.kob import Status
from virksomheder.models import Virksomhed, Virksomhedscenter

from ..analysis.udfald import VINDUE_DAGE, udfald
from ..models import Art, Gruppeart, Indikator, Indsatsudfald, Maaling, Screeningskategori, Svar

UDFALD = "udfald"
FORLOEBSARTER = [
    Gruppeart.FORLOEBSTYPE,
    Gruppeart.VIRKSOMHEDSCENTER,
    Gruppeart.VIRKSOMHED,
    Gruppeart.KATEGORI,
]
PAABEGYNDT = [Status.STARTET, Status.GENNEMFOERT, Status.AFBRUDT]


def graense() -> int:
    """The rule: below this many, a figure is »for få«."""
    return max(10, settings.MINDSTE_ANTAL)


def _ramme(raekker, kolonner: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(raekker), columns=kolonner)


def _selvforsoergende(dag: pd.Series, paa_ydelse: pd.Series, dato: datetime.date) -> pd.Series:
    """1.0 self-supporting, 0.0 on a benefit, NaN while the follow-up day has not come."""
    kommet = pd.to_datetime(dag) <= pd.Timestamp(dato)
    return pd.Series(np.where(kommet, (~paa_ydelse.astype(bool)).astype(float), np.nan))


def forloebsenheder(dato: datetime.date, uger: int) -> pd.DataFrame:
    kolonner = ["enhed_id", "borger_id", "jobcenter_id", "start", "slut"]
    grupper = ["forloebstype", "virksomhedscenter", "virksomhed"]
    raekker = (
        Praktikforloeb.objects.filter(trin=Trin.AFSLUTNING, faktisk_slut__lte=dato)
        .med_selvforsoergelse(uger=uger)
        .values_list(
            "pk",
            "borger_id",
            "borger__jobcenter_id",
            "start",
            "faktisk_slut",
            "type_id",
            "plads__virksomhedscenter_id",
            "virksomhed_id",
            "opfoelgningsdag",
            "paa_ydelse",
        )
        .order_by()
    )
    df = _ramme(raekker, [*kolonner, *grupper, "dag", "paa_ydelse"])
    df["selvforsoergende"] = _selvforsoergende(df["dag"], df["paa_ydelse"], dato)
    df["start"], df["slut"] = pd.to_datetime(df["start"]), pd.to_datetime(df["slut"])
    df["kategori"] = screeningskategori(df, dato)
    return df.drop(columns=["dag", "paa_ydelse"])


def screeningskategori(forloeb: pd.DataFrame, dato: datetime.date) -> pd.Series:
    """The citizen's latest screening category on or before each forløb's start."""
    screeninger = _ramme(
        Maaling.objects.filter(kategori__isnull=False, dato__lte=dato)
        .values_list("borger_id", "dato", "kategori_id")
        .order_by(),
        ["borger_id", "dato", "kategori"],
    )
    if forloeb.empty or screeninger.empty:
        return pd.Series(np.nan, index=forloeb.index)
    screeninger["dato"] = pd.to_datetime(screeninger["dato"])
    venstre = forloeb[["borger_id", "start"]].reset_index().sort_values("start")
    flet = pd.merge_asof(
        venstre,
        screeninger.sort_values("dato"),
        left_on="start",
        right_on="dato",
        by="borger_id",
        direction="backward",
    )
    return flet.set_index("index")["kategori"].reindex(forloeb.index)


def kursusenheder(dato: datetime.date, uger: int) -> pd.DataFrame:
    efter = datetime.timedelta(weeks=uger)
    raekker = (
        Tilmelding.objects.filter(status__in=PAABEGYNDT, kursuskob__hold__slutdato__lte=dato)
        .annotate(opfoelgningsdag=Cast(F("kursuskob__hold__slutdato") + efter, DateField()))
        .annotate(paa_ydelse=paa_dato(Ydelsesperiode, OuterRef("opfoelgningsdag")))
        .values_list(
            "pk",
            "borger_id",
            "jobcenter_id",
            "kursuskob__hold__startdato",
            "kursuskob__hold__slutdato",
            "kursuskob__hold__kursus_id",
            "opfoelgningsdag",
            "paa_ydelse",
        )
        .order_by()
    )
    df = _ramme(
        raekker,
        ["enhed_id", "borger_id", "jobcenter_id", "start", "slut", "kursus", "dag", "paa_ydelse"],
    )
    df["selvforsoergende"] = _selvforsoergende(df["dag"], df["paa_ydelse"], dato)
    # A class without a start date is measured from its end.
    df["start"] = pd.to_datetime(df["start"].fillna(df["slut"]))
    df["slut"] = pd.to_datetime(df["slut"])
    return df.drop(columns=["dag", "paa_ydelse"])


def svarene(dato: datetime.date) -> tuple[pd.DataFrame, dict[int, dict]]:
    """Every progression answer up to the window after the date, keyed by indicator (the
    instrument's and the indicator's code), and the indicators' names."""
    indikatorer = {}
    noegle_af = {}
    for pk, instrument, kode, navn, bedre in Indikator.objects.filter(
        instrument__art=Art.PROGRESSION
    ).values_list("pk", "instrument__kode", "kode", "navn", "hoejere_er_bedre"):
        noegle = f"{instrument}/{kode}"
        noegle_af[pk] = noegle
        indikatorer.setdefault(noegle, {"navn": navn, "hoejere_er_bedre": bedre})
    svar = _ramme(
        Svar.objects.filter(indikator_id__in=list(noegle_af), maaling__dato__lte=dato)
        .values_list("maaling__borger_id", "maaling__dato", "indikator_id", "vaerdi")
        .order_by(),
        ["borger_id", "dato", "indikator", "vaerdi"],
    )
    svar["dato"] = pd.to_datetime(svar["dato"])
    svar["indikator"] = svar["indikator"].map(noegle_af)
    return svar, indikatorer


def gruppenavne(andele: pd.DataFrame) -> dict[str, dict[int, str]]:
    """The groups' names, one query a kind."""
    modeller = {
        Gruppeart.FORLOEBSTYPE: Forloebstype,
        Gruppeart.VIRKSOMHEDSCENTER: Virksomhedscenter,
        Gruppeart.VIRKSOMHED: Virksomhed,
        Gruppeart.KATEGORI: Screeningskategori,
        Gruppeart.KURSUS: Kursus,
    }
    navne = {}
    for art, model in modeller.items():
        ider = andele.loc[andele["art"] == art, "gruppe_id"].unique().tolist()
        felt = "titel" if model is Kursus else "navn"
        navne[art] = dict(model.objects.filter(pk__in=ider).values_list("pk", felt))
    return navne


def _tal(x) -> float | None:
    return None if pd.isna(x) else float(x)


def _jobcenter(x) -> int | None:
    return None if pd.isna(x) else int(x)


def beregn_udfald(*, dato: datetime.date) -> int:
    """Write the outcome rows for `dato`, per jobcentre and nationally, replacing the date's
    rows (a rerun never doubles them; an overlapping run waits for the lock). Returns the
    number of rows."""
    uger, mindst = settings.UDFALD_UGER, graense()
    with laast_beregning(navn=UDFALD, dato=dato):
        beregnet = timezone.now()
        svar, indikatorer = svarene(dato + datetime.timedelta(days=VINDUE_DAGE))
        dele = [
            udfald(forloebsenheder(dato, uger), svar, arter=FORLOEBSARTER, graense=mindst),
            udfald(kursusenheder(dato, uger), svar, arter=[Gruppeart.KURSUS], graense=mindst),
        ]
        andele = pd.concat([d.andele for d in dele], ignore_index=True)
        progression = pd.concat([d.progression for d in dele], ignore_index=True)
        rows = raekker(andele, progression, indikatorer, mindst, dato=dato, beregnet=beregnet)
        Indsatsudfald.objects.filter(dato=dato).delete()
        Indsatsudfald.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def raekker(andele, progression, indikatorer, mindst, *, dato, beregnet) -> list[Indsatsudfald]:
    navne = gruppenavne(andele)
    noegle = ["jobcenter_id", "art", "gruppe_id"]
    # Each group's indicators as the list the row keeps; a national entry with n per jobcentre.
    pr_jobcenter = {}
    for jc, art, gruppe, indikator, n in progression.loc[
        progression["jobcenter_id"].notna(), ["jobcenter_id", "art", "gruppe_id", "indikator", "n"]
    ].itertuples(index=False):
        pr_jobcenter.setdefault((art, int(gruppe), indikator), {})[str(int(jc))] = int(n)
    liste = {}
    for r in progression.sort_values("indikator").itertuples(index=False):
        post = {
            "indikator": r.indikator,
            **indikatorer[r.indikator],
            "n": int(r.n),
            "middel": _tal(r.middel),
            "nedre": _tal(r.nedre),
            "oevre": _tal(r.oevre),
        }
        if pd.isna(r.jobcenter_id):
            post["enheder"] = pr_jobcenter[(r.art, int(r.gruppe_id), r.indikator)]
        liste.setdefault((_jobcenter(r.jobcenter_id), r.art, int(r.gruppe_id)), []).append(post)
    enheder = {}
    for jc, art, gruppe, n in andele.loc[
        andele["jobcenter_id"].notna(), ["jobcenter_id", "art", "gruppe_id", "n"]
    ].itertuples(index=False):
        enheder.setdefault((art, int(gruppe)), {})[str(int(jc))] = int(n)
    rows, oevrige = [], {}
    for r in andele.sort_values(noegle).itertuples(index=False):
        jobcenter_id, gruppe_id = _jobcenter(r.jobcenter_id), int(r.gruppe_id)
        if r.art == Gruppeart.VIRKSOMHED and jobcenter_id is not None and r.antal < mindst:
            antal, n, grupper = oevrige.get(jobcenter_id, (0, 0, 0))
            oevrige[jobcenter_id] = (antal + int(r.antal), n + int(r.n), grupper + 1)
            continue
        rows.append(
            Indsatsudfald(
                dato=dato,
                jobcenter_id=jobcenter_id,
                gruppeart=r.art,
                gruppe_id=gruppe_id,
                gruppe_navn=navne[r.art].get(gruppe_id, "(slettet)")[:200],
                antal=int(r.antal),
                n=int(r.n),
                andel=_tal(r.andel),
                nedre=_tal(r.nedre),
                oevre=_tal(r.oevre),
                enheder=enheder[(r.art, gruppe_id)] if jobcenter_id is None else {},
                progression=liste.get((jobcenter_id, r.art, gruppe_id), []),
                beregnet=beregnet,
            )
        )
    for jobcenter_id, (antal, n, grupper) in oevrige.items():
        rows.append(
            Indsatsudfald(
                dato=dato,
                jobcenter_id=jobcenter_id,
                gruppeart=Gruppeart.VIRKSOMHED,
                gruppe_id=None,
                gruppe_navn=f"Øvrige {grupper} virksomheder med færre end {mindst} forløb hver",
                antal=antal,
                n=n,
                beregnet=beregnet,
            )
        )
    return rows


# Reads for the pages.


def seneste_dato(jobcenter_id: int | None = None) -> datetime.date | None:
    return (
        Indsatsudfald.objects.filter(jobcenter_id=jobcenter_id)
        .order_by("-dato")
        .values_list("dato", flat=True)
        .first()
    )


def udfaldsraekker(*, dato: datetime.date, jobcenter_ids: list[int | None]) -> list[Indsatsudfald]:
    """The rows of the scopes on the date, in one query."""
    egne = [j for j in jobcenter_ids if j is not None]
    filtre = Indsatsudfald.objects.filter(dato=dato)
    if None in jobcenter_ids:
        filtre = filtre.filter(Q(jobcenter_id__in=egne) | Q(jobcenter__isnull=True))
    else:
        filtre = filtre.filter(jobcenter_id__in=egne)
    return list(filtre)


def bedste(*, jobcenter_id: int, antal: int = 3) -> list[Indsatsudfald]:
    """The jobcentre's groups with the highest share self-supporting, among those shown."""
    dato = seneste_dato(jobcenter_id)
    if dato is None:
        return []
    return list(
        Indsatsudfald.objects.filter(
            dato=dato, jobcenter_id=jobcenter_id, andel__isnull=False
        ).order_by("-andel", "-n", "gruppe_navn")[:antal]
    )
