"""A controlled trial's result (issue 16 §6): the two groups' sizes, their balance at entry and
the difference in outcome with its 95 % interval and p-value. Pure: a DataFrame in, a frozen
dataclass out, no ORM.

The DataFrame has one row per draw with the columns
- `gruppe`: "indsats" or "kontrol",
- `alder`: age in whole years at entry,
- `ydelse`, `kategori`: the benefit and screening category at entry (a label, "" for none),
- `udfald`: the outcome, NaN while the citizen's day has not come (or no measurement exists):
  1.0/0.0 for »selvforsørgende«, the change on the indicator for »progression«.

The statistics come from the libraries, not from hand-written formulas:
- a share: the difference of proportions (indsats − kontrol) with the Wald interval and the
  two-sided Wald z-test (`statsmodels.stats.proportion.confint_proportions_2indep` /
  `test_proportions_2indep`, method "wald", the unpooled variance);
- a change: Welch's t-test (`scipy.stats.ttest_ind(equal_var=False)`) and its interval.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep

INDSATS = "indsats"
KONTROL = "kontrol"
SELVFORSOERGELSE = "selvforsoergelse"
PROGRESSION = "progression"
NIVEAU = 0.95


@dataclass(frozen=True)
class Fordeling:
    """One value of a characteristic at entry: how many of each group had it, and their share."""

    egenskab: str
    vaerdi: str
    antal_indsats: int
    andel_indsats: float | None
    antal_kontrol: int
    andel_kontrol: float | None


@dataclass(frozen=True)
class Forskel:
    """indsats − kontrol: a share difference (0.12 is 12 procentpoint) or a mean change."""

    estimat: float
    nedre: float
    oevre: float
    p: float

    @property
    def p_vist(self) -> str:
        """The p-value as the page shows it: »< 0,001«, »0,004«, »0,27«."""
        return p_tekst(self.p).removeprefix("p = ").removeprefix("p ")


@dataclass(frozen=True)
class Forsoegsresultat:
    art: str
    antal_indsats: int
    antal_kontrol: int
    # Those whose outcome is known (their day has come).
    udfald_indsats: int
    udfald_kontrol: int
    # The share self-supporting or the mean change, per group (None without outcomes).
    niveau_indsats: float | None
    niveau_kontrol: float | None
    alder_indsats: tuple[float | None, float | None]  # mean, SD
    alder_kontrol: tuple[float | None, float | None]
    fordelinger: tuple[Fordeling, ...]
    mindste: int
    # None while either group has fewer than `mindste` outcomes: too small to conclude.
    forskel: Forskel | None

    @property
    def for_lille(self) -> bool:
        return self.forskel is None


def gennemsnit_sd(serie: pd.Series) -> tuple[float | None, float | None]:
    serie = serie.dropna()
    if serie.empty:
        return None, None
    sd = float(serie.std(ddof=1)) if len(serie) > 1 else None
    return float(serie.mean()), sd


def fordelinger(data: pd.DataFrame) -> tuple[Fordeling, ...]:
    ud = []
    n = {g: int((data["gruppe"] == g).sum()) for g in (INDSATS, KONTROL)}
    for kolonne, egenskab in (("ydelse", "Ydelse"), ("kategori", "Screeningskategori")):
        for vaerdi in sorted(data[kolonne].fillna("").unique()):
            tal = {
                g: int(((data["gruppe"] == g) & (data[kolonne].fillna("") == vaerdi)).sum())
                for g in (INDSATS, KONTROL)
            }
            ud.append(
                Fordeling(
                    egenskab=egenskab,
                    vaerdi=vaerdi or "Ingen",
                    antal_indsats=tal[INDSATS],
                    andel_indsats=tal[INDSATS] / n[INDSATS] if n[INDSATS] else None,
                    antal_kontrol=tal[KONTROL],
                    andel_kontrol=tal[KONTROL] / n[KONTROL] if n[KONTROL] else None,
                )
            )
    return tuple(ud)


def forskel_i_andele(a: pd.Series, b: pd.Series) -> Forskel:
    """The difference of the shares of 1 in `a` and `b` (the Wald interval and z-test)."""
    x1, n1, x2, n2 = int(a.sum()), len(a), int(b.sum()), len(b)
    estimat = x1 / n1 - x2 / n2
    if x1 in (0, n1) and x2 in (0, n2):
        # All or none in each group: no variance, the Wald interval is the point itself.
        return uden_spredning(estimat)
    nedre, oevre = confint_proportions_2indep(
        x1, n1, x2, n2, method="wald", compare="diff", alpha=1 - NIVEAU
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        # (the test also computes a ratio, which divides by zero when no one in b is a 1)
        test = test_proportions_2indep(x1, n1, x2, n2, method="wald", compare="diff")
    return Forskel(estimat=estimat, nedre=float(nedre), oevre=float(oevre), p=float(test.pvalue))


def uden_spredning(estimat: float) -> Forskel:
    """Both groups without variance: certain of the difference in the sample, p 0 when there
    is one and 1 when there is none (the limits of the tests)."""
    return Forskel(estimat=estimat, nedre=estimat, oevre=estimat, p=0.0 if estimat else 1.0)


def forskel_i_middel(a: pd.Series, b: pd.Series) -> Forskel:
    """The difference of the mean changes, by Welch's t-test."""
    estimat = float(a.mean() - b.mean())
    if a.var(ddof=1) == 0 and b.var(ddof=1) == 0:
        return uden_spredning(estimat)
    test = stats.ttest_ind(a.to_numpy(), b.to_numpy(), equal_var=False)
    nedre, oevre = test.confidence_interval(NIVEAU)
    return Forskel(estimat=estimat, nedre=float(nedre), oevre=float(oevre), p=float(test.pvalue))


def analyser_forsoeg(data: pd.DataFrame, *, art: str, mindste: int) -> Forsoegsresultat:
    """The trial's result; `mindste` is the fewest outcomes per group to show a difference."""
    indsats = data[data["gruppe"] == INDSATS]
    kontrol = data[data["gruppe"] == KONTROL]
    a, b = indsats["udfald"].dropna().astype(float), kontrol["udfald"].dropna().astype(float)
    forskel = None
    if len(a) >= mindste and len(b) >= mindste:
        forskel = forskel_i_andele(a, b) if art == SELVFORSOERGELSE else forskel_i_middel(a, b)
    return Forsoegsresultat(
        art=art,
        antal_indsats=len(indsats),
        antal_kontrol=len(kontrol),
        udfald_indsats=len(a),
        udfald_kontrol=len(b),
        niveau_indsats=float(a.mean()) if len(a) else None,
        niveau_kontrol=float(b.mean()) if len(b) else None,
        alder_indsats=gennemsnit_sd(indsats["alder"].astype(float)),
        alder_kontrol=gennemsnit_sd(kontrol["alder"].astype(float)),
        fordelinger=fordelinger(data),
        mindste=mindste,
        forskel=forskel,
    )


def dansk_tal(tal: float, decimaler: int = 1) -> str:
    tekst = f"{abs(tal):.{decimaler}f}".replace(".", ",")
    return f"−{tekst}" if tal < 0 and float(tekst.replace(",", ".")) != 0 else tekst


def p_tekst(p: float) -> str:
    if p < 0.001:
        return "p < 0,001"
    return f"p = {dansk_tal(p, 3 if p < 0.01 else 2)}"


def forklaring(resultat: Forsoegsresultat, *, indikator: str = "") -> str:
    """The result in one plain Danish sentence (or the warning while it is too small)."""
    if resultat.forskel is None:
        return (
            f"Forsøget er endnu for lille til at konkludere: hver gruppe skal have mindst "
            f"{resultat.mindste} borgere, hvis udfald kendes (indsatsgruppen har "
            f"{resultat.udfald_indsats}, kontrolgruppen {resultat.udfald_kontrol})."
        )
    f = resultat.forskel
    if resultat.art == SELVFORSOERGELSE:
        skala, enhed, decimaler = 100, " procentpoint", 0
        retning = "oftere" if f.estimat >= 0 else "sjældnere"
        start = "Indsatsgruppen blev selvforsørgende"
    else:
        skala, enhed, decimaler = 1, " point", 1
        retning = "mere" if f.estimat >= 0 else "mindre"
        start = f"Indsatsgruppen rykkede sig{f' på »{indikator}«' if indikator else ''}"
    estimat = dansk_tal(abs(f.estimat) * skala, decimaler)
    interval = (
        f"95 %-interval {dansk_tal(f.nedre * skala, decimaler)} til "
        f"{dansk_tal(f.oevre * skala, decimaler)}"
    )
    if f.p < 0.05:
        vurdering = "så stor en forskel opstår sjældent af tilfældighed"
    else:
        vurdering = "forskellen kan sagtens skyldes tilfældighed"
    return (
        f"{start} {estimat}{enhed} {retning} end kontrolgruppen ({interval}); "
        f"{vurdering} ({p_tekst(f.p)})."
    )
