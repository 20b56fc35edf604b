"""Time to self-support (issue 16, item 5): event times from benefit periods, Kaplan–Meier
curves with pointwise bands, the median with its interval, and the log-rank test. Pure: frames
and arrays in, frozen dataclasses out, no ORM.

The estimator is statsmodels (`statsmodels.duration.survfunc.SurvfuncRight` for Kaplan–Meier
with Greenwood's standard error, its `quantile` / `quantile_ci` for the median and its
interval, `survdiff` for the log-rank test), not lifelines: lifelines 0.30 requires pandas < 3,
and the product runs pandas 3. statsmodels has no pointwise band, so the band is the log-log
("cloglog") interval built from statsmodels' Greenwood standard error,
exp(−exp(log(−log S) ± z·se/(S·|log S|))), the same interval as scipy's
`ecdf(...).sf.confidence_interval(method="log-log")`; the tests check both against scipy to
1e-9. The median's interval uses the same transform, so it is the span of times whose band holds
0.5. statsmodels takes the median as the first time the curve falls strictly below one half
(SAS's convention)."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from scipy.stats import norm
from statsmodels.duration.survfunc import SurvfuncRight, survdiff

# The days the table under the chart gives the number still at risk on.
RISIKODAGE = (0, 30, 90, 180, 365, 730)


@dataclass(frozen=True)
class Kurve:
    n: int
    haendelser: int
    # One entry per distinct event time: [t, S, lower, upper, at risk just before t].
    punkter: list[list[float]]
    median: float | None
    median_nedre: float | None
    median_oevre: float | None  # None also when the interval is open upwards (∞)
    # The number still at risk (time ≥ day) on each of RISIKODAGE.
    i_risiko: dict[int, int]
    # The longest time followed: the curve runs on flat from its last step to here.
    laengste: int = 0


@dataclass(frozen=True)
class Logrank:
    statistik: float
    frihedsgrader: int
    p: float


def haendelsestider(
    starter: pd.DataFrame, ydelser: pd.DataFrame, *, censur: pd.Series
) -> pd.DataFrame:
    """Days from each start to self-support, vectorised.

    `starter` has `borger` and `start` (datetime64); `censur` (aligned with `starter`) the last
    day the citizen is followed (the computation day, or the day of anonymisation if earlier).
    `ydelser` has `borger`, `fra`, `til` (NaT: open) of benefit periods, which for one citizen
    never overlap. Self-support is the first day on or after the start that no benefit period
    covers: a start on a day without benefit is self-support on day 0; the day after a period
    that is not continued the next day is self-support; an open period, or one reaching past the
    censoring day, is censored there. Returns `starter` with `tid` (days) and `haendelse`
    (bool); starts after their censoring day are dropped."""
    starter = starter.assign(censur=censur.to_numpy()).reset_index(drop=True)
    starter = starter[starter["start"] <= starter["censur"]]
    uendelig = pd.Timestamp.max.normalize()
    y = ydelser.assign(til=ydelser["til"].fillna(uendelig)).sort_values(["borger", "fra"])
    # Merge back-to-back periods into blocks of continuous benefit.
    forrige_til = y.groupby("borger")["til"].shift()
    ny_blok = forrige_til.isna() | (y["fra"] > forrige_til + pd.Timedelta(days=1))
    y = y.assign(blok=ny_blok.cumsum())
    blokke = y.groupby("blok").agg(
        borger=("borger", "first"), fra=("fra", "min"), til=("til", "max")
    )
    blokke = blokke.sort_values("fra")
    fundet = (
        pd.merge_asof(
            starter.reset_index().sort_values("start"),
            blokke.rename(columns={"fra": "blok_fra", "til": "blok_til"}),
            left_on="start",
            right_on="blok_fra",
            by="borger",
            direction="backward",
        )
        .set_index("index")
        .sort_index()
    )
    daekket = fundet["blok_til"].notna() & (fundet["blok_til"] >= fundet["start"])
    fri = fundet["start"].where(~daekket, fundet["blok_til"] + pd.Timedelta(days=1))
    # An open block ends on the sentinel; its day after overflows, so clip before adding.
    fri = fri.where(~(daekket & (fundet["blok_til"] >= uendelig)), pd.NaT)
    haendelse = fri.notna() & (fri <= fundet["censur"])
    slut = fri.where(haendelse, fundet["censur"])
    tid = (slut - fundet["start"]).dt.days
    return starter.assign(tid=tid.to_numpy(), haendelse=haendelse.to_numpy())


def _band(surv: np.ndarray, se: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """The pointwise log-log interval from Greenwood's standard error (statsmodels')."""
    with np.errstate(divide="ignore", invalid="ignore"):
        log_s = np.log(surv)
        se_ll = se / (surv * np.abs(log_s))
        midt = np.log(-log_s)
        nedre = np.exp(-np.exp(midt + z * se_ll))
        oevre = np.exp(-np.exp(midt - z * se_ll))
    return nedre, oevre


def _greenwood(surv: np.ndarray, n_risk: np.ndarray, n_events: np.ndarray) -> np.ndarray:
    """Greenwood's standard error of the curve, as statsmodels computes it for unweighted rows
    (NaN from the first time every one at risk has the event)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        led = n_events / np.clip(n_risk * (n_risk - n_events), 1e-12, np.inf)
        led[(n_risk == n_events) | (n_risk == 0)] = np.nan
        return np.sqrt(np.cumsum(led)) * surv


def kaplan_meier(
    tid: Sequence[int],
    haendelse: Sequence[bool],
    *,
    antal: Sequence[int] | None = None,
    niveau: float = 0.95,
) -> Kurve:
    """`tid` in whole days. One row per start, or with `antal` the number of starts each
    (time, event) row stands for. The rows are counted into distinct (time, event) pairs and
    handed to statsmodels as frequency weights: the same curve as one row per start, from a few
    thousand rows instead of a million. With frequency weights statsmodels gives Tsiatis'
    standard error, so Greenwood's is computed from its counts at risk and events
    (`_greenwood`) and set on the estimate before its median interval is read."""
    tid = np.asarray(tid, dtype=np.int64)
    haendelse = np.asarray(haendelse, dtype=bool)
    antal = np.ones(len(tid), dtype=np.int64) if antal is None else np.asarray(antal, np.int64)
    kode = np.bincount(tid * 2 + haendelse, weights=antal).astype(np.int64)
    par = np.flatnonzero(kode)
    tid, haendelse, antal = par // 2, par % 2 == 1, kode[par]
    i_risiko = {dag: int(antal[tid >= dag].sum()) for dag in RISIKODAGE}
    n, haendelser = int(antal.sum()), int(antal[haendelse].sum())
    laengste = int(tid.max()) if n else 0
    if not haendelser:
        return Kurve(n, 0, [], None, None, None, i_risiko, laengste)
    sf = SurvfuncRight(tid.astype(float), haendelse.astype(float), freq_weights=antal)
    sf.surv_prob_se = _greenwood(sf.surv_prob, sf.n_risk, sf.n_events)
    z = _z(niveau)
    nedre, oevre = _band(sf.surv_prob, sf.surv_prob_se, z)
    punkter = [
        [float(t), float(s), _tal(lo), _tal(hi), int(round(r))]
        for t, s, lo, hi, r in zip(
            sf.surv_times, sf.surv_prob, nedre, oevre, sf.n_risk, strict=True
        )
    ]
    with np.errstate(divide="ignore", invalid="ignore"):
        median = sf.quantile(0.5)
        lo, hi = sf.quantile_ci(0.5, alpha=1 - niveau, method="cloglog")
    return Kurve(
        n=n,
        haendelser=haendelser,
        punkter=punkter,
        median=_tal(median),
        median_nedre=_tal(lo),
        median_oevre=_tal(hi),
        i_risiko=i_risiko,
        laengste=laengste,
    )


def logrank(tid: Sequence[float], haendelse: Sequence[bool], gruppe: Sequence) -> Logrank | None:
    """The log-rank test that the groups share one survival curve; None with fewer than two
    groups or no event."""
    gruppe = np.asarray(gruppe)
    haendelse = np.asarray(haendelse, dtype=bool)
    antal = len(np.unique(gruppe))
    if antal < 2 or not haendelse.any():
        return None
    statistik, p = survdiff(np.asarray(tid, dtype=float), haendelse.astype(float), gruppe)
    return Logrank(statistik=float(statistik), frihedsgrader=antal - 1, p=float(p))


@cache
def _z(niveau: float) -> float:
    return float(norm.ppf(0.5 + niveau / 2))


def _tal(x) -> float | None:
    """JSON-safe: NaN and ∞ become None."""
    if x is None:
        return None
    x = float(x)
    return x if np.isfinite(x) else None
