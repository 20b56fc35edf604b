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

from borgere.models import Borger, Maalgruppeperiode, Praktikforloeb
from jobcenter.imports import kopier
from jobcenter.models import Beregning, Jobcenter
from jobcenter.services import laast_beregning

from ..access import kan_se_kurve, mindste_kurve
from ..analysis.overlevelse import RISIKODAGE, haendelsestider, kaplan_meier, logrank
from ..models import Gruppering, Logranktest, Maaling, Overlevelseskurve, StartArt
from .udfald import _ramme, ydelsesperioder

NAVN = "overlevelse"
AAR = 3
IKKE_SCREENET = "Ikke screenet"
HELE_LANDET = "Hele landet"
EGET = "Eget jobcenter"
RESTEN = "Resten af landet"


# The date columns `_frame` reads (as dates; `anonymiseret` is a timestamp, read as text).
DATOKOLONNER = {"fra", "til", "start", "dato"}


def _frame(qs, kolonner: list[str]) -> pd.DataFrame:
    """The query's rows, through COPY on PostgreSQL (`udfald._ramme`): Django's per-row
    conversion is the slow part at national scale. Ids as int64, dates as datetime64, the
    rest as text or NaN (NULL)."""
    ider = [k for k in kolonner if k == "id" or k.endswith("_id")]
    datoer = [k for k in kolonner if k in DATOKOLONNER]
    df = _ramme(
        qs.values_list(*kolonner),
        kolonner,
        datoer=tuple(datoer),
        tekster=tuple(k for k in kolonner if k not in ider and k not in datoer),
    )
    # An empty result has no types to infer; the ids must still join.
    for kolonne in ider:
        df[kolonne] = df[kolonne].astype("int64")
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
    maalgruppe = maalgruppe.sort_values("start").drop_duplicates("borger", keep="last")

    forloeb = _frame(
        Praktikforloeb.objects.filter(start__gte=vindue, start__lte=dato).order_by(),
        ["borger_id", "start", "type__navn"],
    ).rename(columns={"borger_id": "borger", "type__navn": "forloebstype"})

    # Only periods that reach the first start can hold a start.
    alle_starter = pd.concat([maalgruppe["start"], forloeb["start"]])
    foerste = alle_starter.min().date() if len(alle_starter) else dato
    ydelser = ydelsesperioder(dato, fra=foerste)

    screeninger = _frame(
        Maaling.objects.filter(kategori__isnull=False, dato__lte=dato).order_by(),
        ["borger_id", "dato", "kategori__navn"],
    ).rename(columns={"borger_id": "borger", "kategori__navn": "screening"})
    screeninger = screeninger.sort_values("dato")

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
        tider["screening"] = tider["screening"].fillna(IKKE_SCREENET).astype("category")
        if "forloebstype" in tider:
            tider["forloebstype"] = tider["forloebstype"].astype("category")
        resultat[art] = tider
    return resultat


@dataclass
class _Skriver:
    dato: datetime.date
    art: str
    kurver: list
    test: list

    def kurve(self, df, *, jobcenter, gruppering, gruppe, raekkefoelge=0, enheder=None):
        """`df`: one row per start (`tid`, `haendelse`, and `jobcenter` unless `enheder` says
        how many come from each jobcentre), or per (time, event) with their number (`antal`)."""
        km = kaplan_meier(
            df["tid"].to_numpy(),
            df["haendelse"].to_numpy(),
            antal=df["antal"].to_numpy() if "antal" in df else None,
        )
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
                laengste=km.laengste,
                i_risiko={str(d): km.i_risiko[d] for d in RISIKODAGE},
                enheder={str(k): int(v) for k, v in enheder.items() if v},
            )
        )

    def grupper(self, df, *, jobcenter, gruppering, kolonne):
        """One curve per group, and the log-rank test between the groups large enough to
        show. `kolonne` is categorical; within a jobcentre, its citizens are all its own."""
        enheder = None if jobcenter is None else {jobcenter: None}
        for gruppe, del_ in df.groupby(kolonne, sort=True, observed=True):
            if enheder is not None:
                enheder[jobcenter] = len(del_)
            self.kurve(
                del_, jobcenter=jobcenter, gruppering=gruppering, gruppe=gruppe, enheder=enheder
            )
        koder = df[kolonne].cat.codes.to_numpy()
        stoerrelse = np.bincount(koder + 1)[koder + 1]
        store = stoerrelse >= mindste_kurve()
        self.logrank(df[store], jobcenter=jobcenter, gruppering=gruppering, gruppe=koder[store])

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
    """Per start kind: the country's curves and tests; each jobcentre's own groups; each
    jobcentre against the rest of the country. The rest of the country is the country's
    (time, event) counts less the jobcentre's, which the estimator takes as they are (the same
    curve as filtering every start 98 times). The test between jobcentres is the country's one
    test of all jobcentres large enough to show."""
    skriver = _Skriver(dato=dato, art="", kurver=[], test=[])
    for art, df in data.items():
        skriver.art = art
        if df.empty:
            continue
        # Sorted once by time, every subset comes sorted, which the estimators sort fastest.
        df = df.sort_values("tid", kind="stable")
        df = df.assign(index_i=np.arange(len(df)))
        kolonner = [Gruppering.SCREENING] + ([Gruppering.FORLOEBSTYPE] * (art == StartArt.FORLOEB))
        # The country.
        skriver.kurve(df, jobcenter=None, gruppering=Gruppering.ALLE, gruppe=HELE_LANDET)
        for kolonne in kolonner:
            skriver.grupper(df, jobcenter=None, gruppering=kolonne, kolonne=kolonne)
        store = df[df.groupby("jobcenter")["jobcenter"].transform("size") >= mindste_kurve()]
        skriver.logrank(
            store, jobcenter=None, gruppering=Gruppering.JOBCENTER, gruppe=store["jobcenter"]
        )
        # Each start as one code for its (time, event) pair, counted over the country.
        kode = df["tid"].to_numpy() * 2 + df["haendelse"].to_numpy()
        landet = np.bincount(kode)
        alle_enheder = df["jobcenter"].value_counts()
        # Each jobcentre: its own groups, and itself against the rest of the country.
        for jobcenter, eget in df.groupby("jobcenter", sort=True):
            egne = {jobcenter: len(eget)}
            skriver.kurve(
                eget, jobcenter=jobcenter, gruppering=Gruppering.ALLE, gruppe="", enheder=egne
            )
            for kolonne in kolonner:
                skriver.grupper(eget, jobcenter=jobcenter, gruppering=kolonne, kolonne=kolonne)
            if len(eget) == len(df):
                continue
            antal = landet - np.bincount(kode[eget["index_i"].to_numpy()], minlength=len(landet))
            koder = np.flatnonzero(antal)
            resten = pd.DataFrame(
                {"tid": koder // 2, "haendelse": koder % 2 == 1, "antal": antal[koder]}
            )
            skriver.kurve(
                eget,
                jobcenter=jobcenter,
                gruppering=Gruppering.JOBCENTER,
                gruppe=EGET,
                enheder=egne,
            )
            skriver.kurve(
                resten,
                jobcenter=jobcenter,
                gruppering=Gruppering.JOBCENTER,
                gruppe=RESTEN,
                raekkefoelge=1,
                enheder=alle_enheder.drop(jobcenter).to_dict(),
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
        kopier(Overlevelseskurve, skriver.kurver, batch_size=500)
        kopier(Logranktest, skriver.test, batch_size=500)
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


def _skjul_ogsaa(
    bruger, kurver: list[Overlevelseskurve], *, i_alt: int, eget: int | None
) -> list[Visning]:
    """Groups that add up to a total the user may know. The user knows the groups shown and
    their own jobcentre's (`eget`); if the rest hold fewer than `mindste_kurve()` together, the
    total less the known would give them away, so the smallest groups shown (never the user's
    own, which they know anyway) are hidden too until the rest hold enough (secondary
    suppression)."""
    visninger = [_vis(bruger, kurve) for kurve in kurver]

    def egen(i: int) -> bool:
        return eget is not None and kurver[i].jobcenter_id == eget

    kendte = sum(k.n for i, k in enumerate(kurver) if visninger[i].kurve is not None or egen(i))
    skjulte = i_alt - kendte
    viste = sorted(
        (i for i, v in enumerate(visninger) if v.kurve is not None and not egen(i)),
        key=lambda i: kurver[i].n,
    )
    while 0 < skjulte < mindste_kurve() and viste:
        i = viste.pop(0)
        skjulte += kurver[i].n
        visninger[i] = Visning(gruppe=visninger[i].gruppe, n=None, kurve=None)
    return visninger


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
        dato=beregning.dato,
        start_art=start_art,
        gruppering=gruppering,
        jobcenter=None if gruppering == Gruppering.JOBCENTER else eget,
    ).first()
    valgte = list(valgte)
    alle = list(raekker.filter(gruppering=Gruppering.ALLE).order_by("gruppe"))
    landet = next((k.n for k in alle if k.jobcenter_id is None), None)
    if eget is None and gruppering != Gruppering.JOBCENTER and landet is not None:
        # The country's groups add up to the country's curve.
        grupper = _skjul_ogsaa(bruger, valgte, i_alt=landet, eget=None)
    else:
        grupper = [_vis(bruger, kurve) for kurve in valgte]
    # A group in the test hidden from this user hides the test too. (The country's test between
    # jobcentres holds only those large enough to show, and gives away none of them.)
    skjult = test is not None and sum(g.kurve is not None for g in grupper) < test.grupper
    if skjult and gruppering != Gruppering.JOBCENTER:
        test = None
    # The jobcentres add up to the country (which a jobcentre reads as itself and the rest).
    jobcentre = _skjul_ogsaa(
        bruger,
        [kurve for kurve in alle if kurve.jobcenter_id is not None],
        i_alt=landet if landet is not None else 0,
        eget=eget,
    )
    return Overlevelse(
        beregnet=beregning.afsluttet, grupper=grupper, test=test, jobcentre=jobcentre
    )
