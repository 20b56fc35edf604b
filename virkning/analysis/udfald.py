"""Outcomes per effort, pure: DataFrames in, a frozen dataclass of DataFrames out, no ORM.

A unit is a forløb (or a course enrolment) with its citizen, jobcentre, start and end, whether
the citizen was self-supporting N weeks after (1.0 / 0.0, NaN while the day has not come), and
one column per kind of group it belongs to. Per (jobcentre, kind, group) and per (kind, group)
for the country: the number of units; the share self-supporting with its n and a 95 % Wilson
score interval (statsmodels); per indicator the mean change from the last answer on or before
the start (within `dage` days) to the first on or after the end (within `dage` days), with its n
and a 95 % t-interval (scipy). A figure whose n is below `graense` is NaN, its n kept."""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

# The rule: below ten cases a figure is »for få«, never a number (and never below the
# setting MINDSTE_ANTAL, should that be raised above ten).
GRAENSE = 10
NIVEAU = 0.95
VINDUE_DAGE = 120


@dataclass(frozen=True)
class Udfald:
    """`andele`: jobcenter_id (NaN for the country), art, gruppe_id, antal, n, taeller, andel,
    nedre, oevre. `progression`: jobcenter_id, art, gruppe_id, indikator, n, middel, nedre,
    oevre."""

    andele: pd.DataFrame
    progression: pd.DataFrame


def andel_med_interval(taeller, n, *, graense: int = GRAENSE):
    """Share and 95 % Wilson interval, vectorised; NaN where n < graense."""
    taeller = np.asarray(taeller, dtype=float)
    n = np.asarray(n, dtype=float)
    nok = n >= max(graense, 1)
    sikker_n = np.where(nok, n, 1.0)
    sikker_t = np.where(nok, taeller, 0.0)
    nedre, oevre = proportion_confint(sikker_t, sikker_n, alpha=1 - NIVEAU, method="wilson")
    andel = sikker_t / sikker_n
    return (
        np.where(nok, andel, np.nan),
        np.where(nok, nedre, np.nan),
        np.where(nok, oevre, np.nan),
    )


def middel_med_interval(summen, kvadratsum, n, *, graense: int = GRAENSE):
    """Mean and 95 % t-interval from sums, vectorised (sample sd, n − 1 degrees of freedom);
    NaN where n < graense (and always where n < 2)."""
    n = np.asarray(n, dtype=float)
    nok = n >= max(graense, 2)
    sikker_n = np.where(nok, n, 2.0)
    middel = np.asarray(summen, dtype=float) / sikker_n
    varians = (np.asarray(kvadratsum, dtype=float) - sikker_n * middel**2) / (sikker_n - 1)
    se = np.sqrt(np.clip(varians, 0, None) / sikker_n)
    halv = stats.t.ppf(0.5 + NIVEAU / 2, sikker_n - 1) * se
    return (
        np.where(nok, middel, np.nan),
        np.where(nok, middel - halv, np.nan),
        np.where(nok, middel + halv, np.nan),
    )


def aendringer(enheder: pd.DataFrame, svar: pd.DataFrame, *, dage: int = VINDUE_DAGE):
    """Per (unit, indicator): the answer after minus the answer before. `enheder`: enhed_id,
    borger_id, start, slut (datetime64); `svar`: borger_id, dato, indikator, vaerdi."""
    kolonner = ["enhed_id", "indikator", "aendring"]
    maalte = enheder[enheder["borger_id"].isin(svar["borger_id"])] if len(svar) else enheder[:0]
    if maalte.empty:
        return pd.DataFrame({"enhed_id": [], "indikator": [], "aendring": []})[kolonner]
    # Each unit once per indicator its citizen has answered.
    par = maalte[["enhed_id", "borger_id", "start", "slut"]].merge(
        svar[["borger_id", "indikator"]].drop_duplicates(), on="borger_id"
    )
    svar = svar.sort_values("dato")
    vindue = pd.Timedelta(days=dage)
    hvor = {"by": ["borger_id", "indikator"]}
    foer = pd.merge_asof(
        par.sort_values("start"),
        svar,
        left_on="start",
        right_on="dato",
        direction="backward",
        tolerance=vindue,
        **hvor,
    )
    efter = pd.merge_asof(
        foer.drop(columns="dato").sort_values("slut"),
        svar,
        left_on="slut",
        right_on="dato",
        direction="forward",
        tolerance=vindue,
        suffixes=("_foer", "_efter"),
        **hvor,
    )
    efter = efter[efter["vaerdi_foer"].notna() & efter["vaerdi_efter"].notna()]
    efter["aendring"] = efter["vaerdi_efter"].astype(float) - efter["vaerdi_foer"].astype(float)
    return efter[kolonner].reset_index(drop=True)


def _lang(enheder: pd.DataFrame, arter: list[str]) -> pd.DataFrame:
    """One row per (unit, kind) whose group is known; the kind as its position in `arter`."""
    dele = []
    for nummer, art in enumerate(arter):
        del_ = enheder[["enhed_id", "jobcenter_id", "selvforsoergende", art]].rename(
            columns={art: "gruppe_id"}
        )
        del_ = del_[del_["gruppe_id"].notna()]
        dele.append(del_.assign(art=np.int8(nummer)))
    lang = pd.concat(dele, ignore_index=True)
    lang["gruppe_id"] = lang["gruppe_id"].astype("int64")
    return lang


def _begge_niveauer(lang: pd.DataFrame, noegle: list[str], agg: dict) -> pd.DataFrame:
    """Aggregate per jobcentre and for the country (jobcenter_id NaN)."""
    lokal = lang.groupby(["jobcenter_id", *noegle], sort=False).agg(**agg).reset_index()
    landet = lang.groupby(noegle, sort=False).agg(**agg).reset_index()
    landet.insert(0, "jobcenter_id", np.nan)
    return pd.concat([lokal.astype({"jobcenter_id": float}), landet], ignore_index=True)


def udfald(
    enheder: pd.DataFrame,
    svar: pd.DataFrame,
    *,
    arter: list[str],
    graense: int = GRAENSE,
    dage: int = VINDUE_DAGE,
) -> Udfald:
    if enheder.empty:
        return Udfald(
            andele=pd.DataFrame(
                columns=["jobcenter_id", "art", "gruppe_id", "antal", "n", "taeller"]
                + ["andel", "nedre", "oevre"]
            ),
            progression=pd.DataFrame(
                columns=["jobcenter_id", "art", "gruppe_id", "indikator", "n"]
                + ["middel", "nedre", "oevre"]
            ),
        )
    lang = _lang(enheder, arter)
    lang["kendt"] = lang["selvforsoergende"].notna()
    andele = _begge_niveauer(
        lang,
        ["art", "gruppe_id"],
        {
            "antal": ("enhed_id", "size"),
            "n": ("kendt", "sum"),
            "taeller": ("selvforsoergende", "sum"),
        },
    )
    andele["andel"], andele["nedre"], andele["oevre"] = andel_med_interval(
        andele["taeller"], andele["n"], graense=graense
    )
    skift = aendringer(enheder, svar, dage=dage)
    skift["kvadrat"] = skift["aendring"] ** 2
    medlem = lang[["enhed_id", "jobcenter_id", "art", "gruppe_id"]].merge(skift, on="enhed_id")
    progression = _begge_niveauer(
        medlem,
        ["art", "gruppe_id", "indikator"],
        {
            "n": ("aendring", "size"),
            "summen": ("aendring", "sum"),
            "kvadratsum": ("kvadrat", "sum"),
        },
    )
    progression["middel"], progression["nedre"], progression["oevre"] = middel_med_interval(
        progression["summen"], progression["kvadratsum"], progression["n"], graense=graense
    )
    navne = dict(enumerate(arter))
    andele["art"] = andele["art"].map(navne)
    progression["art"] = progression["art"].map(navne)
    return Udfald(andele=andele, progression=progression.drop(columns=["summen", "kvadratsum"]))


def skjul_fratraekning(
    df: pd.DataFrame, *, noegle: list[str], kolonner: list[str], graense: int
) -> pd.DataFrame:
    """Suppress the national figures one could read a jobcentre's few cases from: the national
    row less the jobcentres' shown rows is the jobcentres' hidden rows together, so where those
    hold some, but fewer than `graense`, cases (`n`), the national figure (`kolonner`) is hidden
    too (secondary suppression). Returns a copy."""
    df = df.copy()
    egne = df["jobcenter_id"].notna()
    skjult = (
        df[egne & (df["n"] < graense)]
        .groupby(noegle, as_index=False)["n"]
        .sum()
        .rename(columns={"n": "skjult"})
    )
    n_skjult = df[noegle].merge(skjult, on=noegle, how="left")["skjult"].fillna(0).to_numpy()
    maske = ~egne.to_numpy() & (n_skjult > 0) & (n_skjult < graense)
    df.loc[maske, kolonner] = np.nan
    return df
