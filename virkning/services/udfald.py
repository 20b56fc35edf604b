"""Outcomes per effort (issue 16, item 4): the nightly computation that writes
`Indsatsudfald` rows, and the reads the pages make of them.

Who counts:
- a forløb counts once it has ended (trin 5, ended on or before the date); it is
  self-supporting by Mål 2's one definition (`Praktikforloeb.objects.med_selvforsoergelse`:
  on no benefit UDFALD_UGER weeks after its end), and counts in the share once its follow-up
  day has come;
- a course counts its enrolments that began (started, completed or broken off) on a class that
  has ended; self-supporting is »not on any benefit UDFALD_UGER weeks after the class's end
  date«, by the same predicate as the forløb's;
- »on a benefit on day d« is `borgere.analysis.paa_ydelse`, the vectorised twin of the
  QuerySet's `paa_dato` (tested pair for pair against it), over the benefit periods loaded once
  (`ydelsesperioder`): a correlated EXISTS per forløb takes seconds at national scale;
- a forløb's screening category is the citizen's latest screening on or before its start.
Progression: per indicator (instrument code / indicator code, so versions and the jobcentres'
copies of a national instrument add up) the last answer on or before the start and the first on
or after the end, each within 120 days.
Too few: a figure with n below max(10, MINDSTE_ANTAL) is stored as NULL with its n. Companies
are thousands: a jobcentre's companies below the rule are written as one row »øvrige
virksomheder«, not one row each."""

import datetime
import io

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from borgere.analysis import paa_ydelse
from borgere.models import Forloebstype, Praktikforloeb, Trin, Ydelsesperiode
from jobcenter.imports import kopier
from jobcenter.services import laast_beregning
from kursuskob.models import Kursus, Tilmelding
from kursuskob.models.kob import Status
from virksomheder.models import Virksomhed, Virksomhedscenter

from ..analysis.udfald import VINDUE_DAGE, skjul_fratraekning, udfald
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


def _ramme(
    qs, kolonner: list[str], *, datoer: tuple = (), sande: tuple = (), tekster: tuple = ()
) -> pd.DataFrame:
    """A values_list query as a DataFrame, dates as datetime64, booleans as bool and `tekster`
    as text (never parsed as numbers). On PostgreSQL through COPY … TO STDOUT (CSV): a million
    rows in a second, where building Python tuples row by row takes many; elsewhere through the
    ORM. (The curves of time to self-support read with it too.)"""
    if connection.vendor == "postgresql":
        tekst, params = qs.query.sql_with_params()
        buffer = io.StringIO()
        with connection.cursor() as cursor:
            forespoergsel = cursor.mogrify(tekst, params)
            if isinstance(forespoergsel, bytes):
                forespoergsel = forespoergsel.decode()
            # Dates as days since 1970: pandas reads numbers several times faster than dates.
            udtryk = ", ".join(
                f"q.\"{k}\" - DATE '1970-01-01'" if k in datoer else f'q."{k}"' for k in kolonner
            )
            navne = ", ".join(f'"{k}"' for k in kolonner)
            # Only the code's own column names and the driver's rendering of the query.
            cursor.copy_expert(
                f"COPY (SELECT {udtryk} FROM ({forespoergsel}) AS q({navne})) TO STDOUT WITH CSV",  # noqa: S608
                buffer,
            )
        buffer.seek(0)
        if not buffer.getvalue():
            df = pd.DataFrame({k: pd.Series(dtype=object) for k in kolonner})
        else:
            tekst_typer = {k: str for k in (*sande, *tekster)}
            df = pd.read_csv(buffer, names=kolonner, header=None, dtype=tekst_typer)
        for kolonne in sande:
            df[kolonne] = df[kolonne] == "t"
        for kolonne in datoer:
            df[kolonne] = pd.to_datetime(df[kolonne].astype("float64"), unit="D")
    else:
        df = pd.DataFrame.from_records(list(qs), columns=kolonner)
        for kolonne in sande:
            df[kolonne] = df[kolonne].astype(bool)
        for kolonne in datoer:
            df[kolonne] = pd.to_datetime(df[kolonne])
    # One unit, whichever way and whether empty or not: frames are merged on these columns.
    for kolonne in datoer:
        df[kolonne] = df[kolonne].astype("datetime64[us]")
    return df


def ydelsesperioder(dato: datetime.date, *, fra: datetime.date) -> pd.DataFrame:
    """The benefit periods that can cover a follow-up day from `fra` to `dato`: begun on or
    before `dato` and not ended before `fra` (`borger`, `fra`, `til`, NaT: open). One COPY."""
    df = _ramme(
        Ydelsesperiode.objects.filter(fra__lte=dato)
        .exclude(til__lt=fra)
        .values_list("borger_id", "fra", "til")
        .order_by(),
        ["borger", "fra", "til"],
        datoer=("fra", "til"),
    )
    # An empty result has no types to infer; the citizen must still join.
    return df.astype({"borger": "int64"})


def _selvforsoergende(
    df: pd.DataFrame, uger: int, ydelser: pd.DataFrame, dato: datetime.date
) -> pd.Series:
    """1.0 self-supporting (on no benefit `uger` weeks after `slut`), 0.0 on a benefit, NaN
    while the follow-up day has not come."""
    dag = opfoelgningsdage(df, uger)
    kommet = (dag <= pd.Timestamp(dato)).to_numpy()
    paa = paa_ydelse(pd.DataFrame({"borger": df["borger_id"], "dag": dag.where(kommet)}), ydelser)
    return pd.Series(np.where(kommet, (~paa).astype(float), np.nan), index=df.index)


def opfoelgningsdage(df: pd.DataFrame, uger: int) -> pd.Series:
    return df["slut"] + pd.Timedelta(weeks=uger)


def forloebsenheder(dato: datetime.date) -> pd.DataFrame:
    kolonner = ["enhed_id", "borger_id", "jobcenter_id", "start", "slut"]
    grupper = ["forloebstype", "virksomhedscenter", "virksomhed"]
    raekker = (
        Praktikforloeb.objects.filter(trin=Trin.AFSLUTNING, faktisk_slut__lte=dato)
        .values_list(
            "pk",
            "borger_id",
            "borger__jobcenter_id",
            "start",
            "faktisk_slut",
            "type_id",
            "plads__virksomhedscenter_id",
            "virksomhed_id",
        )
        .order_by()
    )
    df = _ramme(raekker, [*kolonner, *grupper], datoer=("start", "slut"))
    df["kategori"] = screeningskategori(df, dato)
    return df


def screeningskategori(forloeb: pd.DataFrame, dato: datetime.date) -> pd.Series:
    """The citizen's latest screening category on or before each forløb's start."""
    screeninger = _ramme(
        Maaling.objects.filter(kategori__isnull=False, dato__lte=dato)
        .values_list("borger_id", "dato", "kategori_id")
        .order_by(),
        ["borger_id", "dato", "kategori"],
        datoer=("dato",),
    )
    if forloeb.empty or screeninger.empty:
        return pd.Series(np.nan, index=forloeb.index)
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


def kursusenheder(dato: datetime.date) -> pd.DataFrame:
    raekker = (
        Tilmelding.objects.filter(status__in=PAABEGYNDT, kursuskob__hold__slutdato__lte=dato)
        .values_list(
            "pk",
            "borger_id",
            "jobcenter_id",
            "kursuskob__hold__startdato",
            "kursuskob__hold__slutdato",
            "kursuskob__hold__kursus_id",
        )
        .order_by()
    )
    df = _ramme(
        raekker,
        ["enhed_id", "borger_id", "jobcenter_id", "start", "slut", "kursus"],
        datoer=("start", "slut"),
    )
    # A class without a start date is measured from its end.
    df["start"] = df["start"].fillna(df["slut"])
    return df


def svarene(dato: datetime.date) -> tuple[pd.DataFrame, dict[int, dict]]:
    """Every progression answer up to the window after the date, keyed by indicator (the
    instrument's and the indicator's code), and the indicators' names, parts and places in the
    instrument (the page orders its columns by them and tells two parts' »Motivation« apart)."""
    indikatorer = {}
    noegle_af = {}
    for pk, instrument, kode, navn, bedre, del_, raekkefoelge in (
        Indikator.objects.filter(instrument__art=Art.PROGRESSION)
        .order_by(F("instrument__jobcenter_id").asc(nulls_first=True), "instrument__version")
        .values_list(
            "pk",
            "instrument__kode",
            "kode",
            "navn",
            "hoejere_er_bedre",
            "stilles_til",
            "raekkefoelge",
        )
    ):
        noegle = f"{instrument}/{kode}"
        noegle_af[pk] = noegle
        indikatorer.setdefault(
            noegle,
            {"navn": navn, "hoejere_er_bedre": bedre, "del": del_, "raekkefoelge": raekkefoelge},
        )
    svar = _ramme(
        Svar.objects.filter(indikator_id__in=list(noegle_af), maaling__dato__lte=dato)
        .values_list("maaling__borger_id", "maaling__dato", "indikator_id", "vaerdi")
        .order_by(),
        ["borger_id", "dato", "indikator", "vaerdi"],
        datoer=("dato",),
    )
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
    rows (a rerun never doubles them; an overlapping run waits for the lock). Returns the number
    of rows."""
    uger, mindst = settings.UDFALD_UGER, graense()
    with laast_beregning(navn=UDFALD, dato=dato):
        beregnet = timezone.now()
        forloeb, kurser = forloebsenheder(dato), kursusenheder(dato)
        # Only the periods that reach the first follow-up day can say anything.
        dage = pd.concat([opfoelgningsdage(forloeb, uger), opfoelgningsdage(kurser, uger)])
        foerste = dage.min().date() if dage.notna().any() else dato
        ydelser = ydelsesperioder(dato, fra=foerste)
        for enheder in (forloeb, kurser):
            enheder["selvforsoergende"] = _selvforsoergende(enheder, uger, ydelser, dato)
        svar, indikatorer = svarene(dato + datetime.timedelta(days=VINDUE_DAGE))
        dele = [
            udfald(forloeb, svar, arter=FORLOEBSARTER, graense=mindst),
            udfald(kurser, svar, arter=[Gruppeart.KURSUS], graense=mindst),
        ]
        andele = pd.concat([d.andele for d in dele], ignore_index=True)
        progression = pd.concat([d.progression for d in dele], ignore_index=True)
        rows = raekker(andele, progression, indikatorer, mindst, dato=dato, beregnet=beregnet)
        Indsatsudfald.objects.filter(dato=dato).delete()
        kopier(Indsatsudfald, rows, batch_size=5000)
    return len(rows)


def _dominerende(df: pd.DataFrame, noegle: list[str], mindst: int) -> dict:
    """{key: {jobcentre id as text: n}} for the national rows: the jobcentres whose units leave
    fewer than `mindst` − 1 from the others (`kan_se_aggregat`'s subtraction test, or all of
    them). Only those can be refused the national figure, so only they are kept; for any other
    jobcentre the figure is shown exactly when it would be with its count known, as `mindst`
    is at least MINDSTE_ANTAL."""
    landet = df.loc[df["jobcenter_id"].isna(), [*noegle, "n"]]
    lokal = df.loc[df["jobcenter_id"].notna(), [*noegle, "jobcenter_id", "n"]]
    flet = lokal.merge(landet, on=noegle, suffixes=("", "_i_alt"))
    flet = flet[flet["n_i_alt"] - flet["n"] < mindst - 1]
    resultat: dict = {}
    for raekke in flet.itertuples(index=False):
        k = tuple(getattr(raekke, kolonne) for kolonne in noegle)
        resultat.setdefault(k, {})[str(int(raekke.jobcenter_id))] = int(raekke.n)
    return resultat


def raekker(andele, progression, indikatorer, mindst, *, dato, beregnet) -> list[Indsatsudfald]:
    navne = gruppenavne(andele)
    noegle = ["jobcenter_id", "art", "gruppe_id"]
    andele = skjul_fratraekning(
        andele, noegle=["art", "gruppe_id"], kolonner=["andel", "nedre", "oevre"], graense=mindst
    )
    progression = skjul_fratraekning(
        progression,
        noegle=["art", "gruppe_id", "indikator"],
        kolonner=["middel", "nedre", "oevre"],
        graense=mindst,
    )
    # A national figure's n of the jobcentres that could subtract their own (collapsed or not).
    enheder = _dominerende(andele, ["art", "gruppe_id"], mindst)
    prog_enheder = _dominerende(progression, ["art", "gruppe_id", "indikator"], mindst)
    # A jobcentre's companies below the rule become one row.
    lille = (
        (andele["art"] == Gruppeart.VIRKSOMHED)
        & andele["jobcenter_id"].notna()
        & (andele["antal"] < mindst)
    )
    oevrige = (
        andele[lille]
        .groupby("jobcenter_id")
        .agg(antal=("antal", "sum"), n=("n", "sum"), grupper=("antal", "size"))
    )
    andele = andele[~lille]
    progression = progression.merge(andele[noegle], on=noegle)
    liste: dict = {}
    progression = progression.sort_values("indikator")
    # Column by column into Python values (NaN as None): tens of thousands of rows.
    kolonner = [progression[k].tolist() for k in ("jobcenter_id", "art", "gruppe_id", "indikator")]
    kolonner.append(progression["n"].astype("int64").tolist())
    for k in ("middel", "nedre", "oevre"):
        kolonner.append(progression[k].astype(object).where(progression[k].notna(), None).tolist())
    for jobcenter_id, art, gruppe_id, indikator, n, middel, nedre, oevre in zip(
        *kolonner, strict=True
    ):
        post = {
            "indikator": indikator,
            **indikatorer[indikator],
            "n": n,
            "middel": middel,
            "nedre": nedre,
            "oevre": oevre,
        }
        jobcenter_id = _jobcenter(jobcenter_id)
        if jobcenter_id is None:
            post["enheder"] = prog_enheder.get((art, gruppe_id, indikator), {})
        liste.setdefault((jobcenter_id, art, int(gruppe_id)), []).append(post)
    rows = []
    for r in andele.itertuples(index=False):
        jobcenter_id, gruppe_id = _jobcenter(r.jobcenter_id), int(r.gruppe_id)
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
                enheder=enheder.get((r.art, gruppe_id), {}) if jobcenter_id is None else {},
                progression=liste.get((jobcenter_id, r.art, gruppe_id), []),
                beregnet=beregnet,
            )
        )
    for jobcenter_id, o in oevrige.iterrows():
        rows.append(
            Indsatsudfald(
                dato=dato,
                jobcenter_id=int(jobcenter_id),
                gruppeart=Gruppeart.VIRKSOMHED,
                gruppe_id=None,
                gruppe_navn=f"Øvrige {int(o.grupper)} virksomheder med færre end {mindst} "
                "forløb hver",
                antal=int(o.antal),
                n=int(o.n),
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
