"""Time to self-support (issue 16, item 5): the nightly computation and the page's read.

Who counts, from which day (the page says the same in Danish):
- From entering the target group: each citizen once, from the start of their latest target-group
  period that began within the last `AAR` years up to the computation day.
- From a forløb's start: every forløb that started within the last `AAR` years up to the day.
- Self-support is the first day on or after the start that no benefit period covers (the notion
  of Mål 2's `med_selvforsoergelse`); a citizen still on benefit is censored on the computation
  day, or on the day their record was anonymised if that came first (nothing is known after it).
- Screening category: the citizen's latest screening on or before the start (»Ikke screenet«
  if none). Forløbstype: the forløb's type. Jobcentre: the citizen's jobcentre.

Everything is read in a handful of queries into pandas and the event times are computed
vectorised (`virkning.analysis.overlevelse`); the rows are written under the computation's lock,
replacing the day's rows.
"""

import datetime
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.conf import settings

from borgere.models import Borger, Maalgruppeperiode, Praktikforloeb, Ydelsesperiode
from jobcenter.models import Beregning, Jobcenter
from jobcenter.services import laast_beregning

from ..access import kan_se_kurve, mindste_kurve
from ..analysis.overlevelse import RISIKODAGE, haendelsestider, kaplan_meier, logrank
from ..models import Gruppering, Logranktest, Maaling, Overlevelseskurve, StartArt

NAVN = "overlevelse"
AAR = 3
IKKE_SCREENET = "Ikke screenet"
HELE_LANDET = "Hele landet"
EGET = "Eget jobcenter"
RESTEN = "Resten af landet"


def _frame(qs, kolonner: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(qs.values_list(*kolonner)), columns=kolonner)


def _datoer(df: pd.DataFrame, *kolonner: str) -> pd.DataFrame:
    for kolonne in kolonner:
        df[kolonne] = pd.to_datetime(df[kolonne])
    return df


def indlaes(*, dato: datetime.date) -> dict[str, pd.DataFrame]:
    """The starts of both kinds with their group labels, event time and event; five queries."""
    try:
        vindue = dato.replace(year=dato.year - AAR)
    except ValueError:  # 29 February
        vindue = dato.replace(year=dato.year - AAR, day=28)
    borgere = _frame(Borger.objects.order_by(), ["id", "jobcenter_id", "anonymiseret"]).rename(
        columns={"id": "borger", "jobcenter_id": "jobcenter"}
    )
    anonymiseret = pd.to_datetime(borgere["anonymiseret"], utc=True)
    borgere["slut"] = anonymiseret.dt.tz_convert(settings.TIME_ZONE).dt.tz_localize(None)
    borgere["slut"] = borgere["slut"].dt.normalize().fillna(pd.Timestamp(dato))
    borgere["slut"] = borgere["slut"].clip(upper=pd.Timestamp(dato))
    borgere = borgere.drop(columns="anonymiseret")

    maalgruppe = _frame(
        Maalgruppeperiode.objects.filter(fra__gte=vindue, fra__lte=dato).order_by(),
        ["borger_id", "fra"],
    ).rename(columns={"borger_id": "borger", "fra": "start"})
    maalgruppe = _datoer(maalgruppe, "start")
    maalgruppe = maalgruppe.sort_values("start").drop_duplicates("borger", keep="last")

    forloeb = _frame(
        Praktikforloeb.objects.filter(start__gte=vindue, start__lte=dato).order_by(),
        ["borger_id", "start", "type__navn"],
    ).rename(columns={"borger_id": "borger", "type__navn": "forloebstype"})
    forloeb = _datoer(forloeb, "start")

    ydelser = _frame(
        Ydelsesperiode.objects.exclude(til__lt=vindue).filter(fra__lte=dato).order_by(),
        ["borger_id", "fra", "til"],
    ).rename(columns={"borger_id": "borger"})
    ydelser = _datoer(ydelser, "fra", "til")

    screeninger = _frame(
        Maaling.objects.filter(kategori__isnull=False, dato__lte=dato).order_by(),
        ["borger_id", "dato", "kategori__navn"],
    ).rename(columns={"borger_id": "borger", "kategori__navn": "screening"})
    screeninger = _datoer(screeninger, "dato").sort_values("dato")

    resultat = {}
    for art, starter in ((StartArt.MAALGRUPPE, maalgruppe), (StartArt.FORLOEB, forloeb)):
        starter = starter.merge(borgere, on="borger", how="inner")
        tider = haendelsestider(starter, ydelser, censur=starter["slut"])
        tider = (
            pd.merge_asof(
                tider.reset_index().sort_values("start"),
                screeninger,
                left_on="start",
                right_on="dato",
                by="borger",
                direction="backward",
            )
            .set_index("index")
            .sort_index()
        )
        tider["screening"] = tider["screening"].fillna(IKKE_SCREENET)
        resultat[art] = tider
    return resultat


@dataclass
class _Skriver:
    dato: datetime.date
    art: str
    kurver: list
    test: list

    def kurve(self, df, *, jobcenter, gruppering, gruppe, raekkefoelge=0, enheder=None):
        km = kaplan_meier(df["tid"].to_numpy(), df["haendelse"].to_numpy())
        if enheder is None:
            enheder = df["jobcenter"].value_counts().to_dict()
        self.kurver.append(
            Overlevelseskurve(
                dato=self.dato,
                jobcenter_id=jobcenter,
                start_art=self.art,
                gruppering=gruppering,
                gruppe=str(gruppe)[:100],
                raekkefoelge=raekkefoelge,
                n=km.n,
                haendelser=km.haendelser,
                median=km.median,
                median_nedre=km.median_nedre,
                median_oevre=km.median_oevre,
                punkter=km.punkter,
                i_risiko={str(d): km.i_risiko[d] for d in RISIKODAGE},
                enheder={str(k): int(v) for k, v in enheder.items()},
            )
        )

    def grupper(self, df, *, jobcenter, gruppering, kolonne):
        """One curve per group, and the log-rank test between the groups large enough to
        show."""
        for gruppe, del_ in df.groupby(kolonne, sort=True):
            self.kurve(del_, jobcenter=jobcenter, gruppering=gruppering, gruppe=gruppe)
        store = df[df.groupby(kolonne)[kolonne].transform("size") >= mindste_kurve()]
        self.logrank(store, jobcenter=jobcenter, gruppering=gruppering, gruppe=store[kolonne])

    def logrank(self, df, *, jobcenter, gruppering, gruppe):
        test = logrank(df["tid"].to_numpy(), df["haendelse"].to_numpy(), np.asarray(gruppe))
        if test is not None:
            self.test.append(
                Logranktest(
                    dato=self.dato,
                    jobcenter_id=jobcenter,
                    start_art=self.art,
                    gruppering=gruppering,
                    grupper=test.frihedsgrader + 1,
                    statistik=test.statistik,
                    frihedsgrader=test.frihedsgrader,
                    p=test.p,
                )
            )


def _beregn(data: dict[str, pd.DataFrame], *, dato: datetime.date) -> _Skriver:
    skriver = _Skriver(dato=dato, art="", kurver=[], test=[])
    for art, df in data.items():
        skriver.art = art
        if df.empty:
            continue
        kolonner = [Gruppering.SCREENING] + ([Gruppering.FORLOEBSTYPE] * (art == StartArt.FORLOEB))
        # The country.
        skriver.kurve(df, jobcenter=None, gruppering=Gruppering.ALLE, gruppe=HELE_LANDET)
        for kolonne in kolonner:
            skriver.grupper(df, jobcenter=None, gruppering=kolonne, kolonne=kolonne)
        store = df[df.groupby("jobcenter")["jobcenter"].transform("size") >= mindste_kurve()]
        skriver.logrank(
            store, jobcenter=None, gruppering=Gruppering.JOBCENTER, gruppe=store["jobcenter"]
        )
        # Each jobcentre: its own groups, and itself against the rest of the country.
        for jobcenter, eget in df.groupby("jobcenter", sort=True):
            skriver.kurve(eget, jobcenter=jobcenter, gruppering=Gruppering.ALLE, gruppe="")
            for kolonne in kolonner:
                skriver.grupper(eget, jobcenter=jobcenter, gruppering=kolonne, kolonne=kolonne)
            resten = df[df["jobcenter"] != jobcenter]
            if resten.empty:
                continue
            skriver.kurve(eget, jobcenter=jobcenter, gruppering=Gruppering.JOBCENTER, gruppe=EGET)
            skriver.kurve(
                resten,
                jobcenter=jobcenter,
                gruppering=Gruppering.JOBCENTER,
                gruppe=RESTEN,
                raekkefoelge=1,
            )
            if len(eget) >= mindste_kurve() and len(resten) >= mindste_kurve():
                skriver.logrank(
                    df,
                    jobcenter=jobcenter,
                    gruppering=Gruppering.JOBCENTER,
                    gruppe=df["jobcenter"] == jobcenter,
                )
    return skriver


def beregn_overlevelse(*, dato: datetime.date) -> int:
    """Compute every curve and test for `dato` and write them, replacing the day's rows;
    returns the number of curves written."""
    with laast_beregning(navn=NAVN, dato=dato):
        skriver = _beregn(indlaes(dato=dato), dato=dato)
        navne = dict(Jobcenter.objects.values_list("id", "navn"))
        for kurve in skriver.kurver:
            if kurve.gruppering == Gruppering.ALLE and kurve.jobcenter_id is not None:
                kurve.gruppe = navne[kurve.jobcenter_id][:100]
        Overlevelseskurve.objects.filter(dato=dato).delete()
        Logranktest.objects.filter(dato=dato).delete()
        Overlevelseskurve.objects.bulk_create(skriver.kurver, batch_size=500)
        Logranktest.objects.bulk_create(skriver.test, batch_size=500)
    return len(skriver.kurver)


# The page's read.


@dataclass(frozen=True)
class Visning:
    """One group as the user may see it: `kurve` is None when the group is too small for them."""

    gruppe: str
    n: int | None
    kurve: Overlevelseskurve | None


@dataclass(frozen=True)
class Overlevelse:
    beregnet: datetime.datetime | None
    grupper: list[Visning]
    test: Logranktest | None
    jobcentre: list[Visning]


def _vis(bruger, kurve: Overlevelseskurve) -> Visning:
    if kan_se_kurve(bruger, kurve):
        return Visning(gruppe=kurve.gruppe, n=kurve.n, kurve=kurve)
    return Visning(gruppe=kurve.gruppe, n=None, kurve=None)


def hent_overlevelse(*, bruger, start_art: str, gruppering: str) -> Overlevelse:
    """The latest computation for the user: a jobcentre's staff see their own jobcentre's
    groups (and, by jobcentre, their own against the rest of the country); the analytiker the
    country's. Both see every jobcentre's median. Four queries."""
    beregning = (
        Beregning.objects.filter(navn=NAVN, afsluttet__isnull=False).order_by("-dato").first()
    )
    if beregning is None:
        return Overlevelse(beregnet=None, grupper=[], test=None, jobcentre=[])
    eget = bruger.jobcenter_id if bruger.er_i_jobcenter else None
    raekker = Overlevelseskurve.objects.filter(dato=beregning.dato, start_art=start_art)
    if gruppering == Gruppering.JOBCENTER and eget is None:
        valgte = raekker.filter(jobcenter=None, gruppering=Gruppering.ALLE)
    else:
        valgte = raekker.filter(jobcenter=eget, gruppering=gruppering)
    test = Logranktest.objects.filter(
        dato=beregning.dato, start_art=start_art, gruppering=gruppering, jobcenter=eget
    ).first()
    grupper = [_vis(bruger, kurve) for kurve in valgte]
    landets_jobcentre = gruppering == Gruppering.JOBCENTER and eget is None
    # A group in the test hidden from this user hides the test too. (The country's test between
    # jobcentres holds only those large enough, each shown in the medians' table.)
    skjult = test is not None and sum(g.kurve is not None for g in grupper) < test.grupper
    if skjult and not landets_jobcentre:
        test = None
    jobcentre = [
        _vis(bruger, kurve)
        for kurve in raekker.filter(jobcenter__isnull=False, gruppering=Gruppering.ALLE).order_by(
            "gruppe"
        )
    ]
    return Overlevelse(
        beregnet=beregning.afsluttet, grupper=grupper, test=test, jobcentre=jobcentre
    )
