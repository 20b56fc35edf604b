"""The indsatskort of the collaboration survey (domain/kursuskob.md §4), as pure numeric code:
a DataFrame of answers in, a frozen result out, no ORM.

One row per responding jobcentre; a column `tilfredshed` (overall satisfaction) and one column
per 1–5 item (B1…, D1…); an empty cell is an item not answered. For each item:

- X, its importance for overall satisfaction: the coefficient of an OLS regression of
  satisfaction on the items, on standardised scores (so items compare), multiple by default,
  bivariate as an option; for barriers the sign is flipped, so right = more harmful;
- Y, its mean score;
- the split lines at the mean X and mean Y of the chart's items; the upper-right quadrant is the
  indsatsområde.

The source leaves these choices open (§4 "[GAP]"); they are the ones it calls faithful. Too few
answers, missing answers, items without variance and collinear items are named in `advarsler`,
and such an item gets no X instead of a number that means nothing.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm

from jobcenter.sprog import antal

BARRIERE = "barriere"
DRIVKRAFT = "drivkraft"
MULTIPEL = "multipel"
BIVARIAT = "bivariat"
TILFREDSHED = "tilfredshed"

INDSATSOMRAADE = "Indsatsområde"
# The source names only the upper-right quadrant; these are our names for the other three.
KVADRANTER = {
    (True, True): INDSATSOMRAADE,
    (False, True): "Høj score, lille betydning",
    (True, False): "Stor betydning, lav score",
    (False, False): "Lav prioritet",
}
# What a quadrant means to a reader, and what to do about an item in it, per kind of chart.
RAAD = {
    BARRIERE: {
        INDSATSOMRAADE: (
            "Barrieren opleves meget og skader tilfredsheden mest.",
            "Sæt ind her først.",
        ),
        "Høj score, lille betydning": (
            "Barrieren opleves meget, men hænger kun lidt sammen med tilfredsheden.",
            "Hold øje med den, men brug ikke de første kræfter her.",
        ),
        "Stor betydning, lav score": (
            "Barrieren skader tilfredsheden, hvor den findes, men opleves sjældent.",
            "Forebyg, så den ikke vokser.",
        ),
        "Lav prioritet": (
            "Barrieren opleves sjældent og betyder lidt for tilfredsheden.",
            "Ingen indsats nu.",
        ),
    },
    DRIVKRAFT: {
        INDSATSOMRAADE: (
            "Drivkraften er stærk i dag og betyder meget for tilfredsheden.",
            "Hold fast i den, og byg videre på den.",
        ),
        "Høj score, lille betydning": (
            "Drivkraften er stærk i dag, men betyder lidt for tilfredsheden.",
            "Vedligehold den; brug ikke ekstra kræfter her.",
        ),
        "Stor betydning, lav score": (
            "Drivkraften betyder meget for tilfredsheden, men er svag i dag.",
            "Styrk den: her kan en indsats løfte samarbejdet.",
        ),
        "Lav prioritet": (
            "Drivkraften er svag i dag og betyder lidt for tilfredsheden.",
            "Ingen indsats nu.",
        ),
    },
}
# An item whose answers correlate this strongly with another's cannot be told apart from it.
KOLLINEAR = 0.95
MIN_SVAR_BIVARIAT = 5


@dataclass(frozen=True)
class Faktor:
    kode: str
    tekst: str
    type: str
    x: float | None
    ci_lav: float | None
    ci_hoej: float | None
    y: float | None
    n: int
    kvadrant: str | None
    kort: str = ""

    @property
    def usikker(self) -> bool:
        return usikker(self.ci_lav, self.ci_hoej)


@dataclass(frozen=True)
class Indsatskort:
    type: str
    metode: str
    n: int
    faktorer: tuple[Faktor, ...]
    x_skille: float | None
    y_skille: float | None
    advarsler: tuple[str, ...]

    @property
    def tegnes(self) -> bool:
        """At least two items have both axes: otherwise there is no map to draw."""
        return sum(f.x is not None and f.y is not None for f in self.faktorer) >= 2


def usikker(ci_lav: float | None, ci_hoej: float | None) -> bool:
    """The 95 % interval includes 0: the answers cannot tell whether the item matters at all."""
    return ci_lav is not None and ci_hoej is not None and ci_lav <= 0 <= ci_hoej


def kvadrant(x: float, y: float, x_skille: float, y_skille: float) -> str:
    return KVADRANTER[(x >= x_skille, y >= y_skille)]


def _standardiser(data: pd.DataFrame) -> pd.DataFrame:
    return (data - data.mean()) / data.std(ddof=1)


def _ols(y: pd.Series, x: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame]:
    model = sm.OLS(y, sm.add_constant(x, has_constant="add")).fit()
    return model.params, model.conf_int(alpha=0.05)


def indsatskort(
    svar: pd.DataFrame,
    *,
    faktorer: dict[str, str],
    type: str,
    metode: str = MULTIPEL,
    standardiseret: bool = True,
    korte: dict[str, str] | None = None,
) -> Indsatskort:
    """`faktorer`: code → wording, in the chart's order; `type`: BARRIERE or DRIVKRAFT;
    `korte`: code → the short name the warnings and labels use (the code without one)."""
    advarsler: list[str] = []
    koder = list(faktorer)
    navn = {k: f"»{(korte or {}).get(k) or k}«" for k in koder}
    data = svar.reindex(columns=[TILFREDSHED, *koder]).apply(pd.to_numeric, errors="coerce")
    uden_tilfredshed = int(data[TILFREDSHED].isna().sum())
    if uden_tilfredshed:
        advarsler.append(
            f"{antal(uden_tilfredshed, 'besvarelse', 'besvarelser')} uden samlet tilfredshed "
            "indgår kun i scorerne (Y)."
        )
    y_vaerdier = {k: data[k].mean() for k in koder}
    n_vaerdier = {k: int(data[k].notna().sum()) for k in koder}

    med = data[data[TILFREDSHED].notna()]
    brugbare = []
    for k in koder:
        besvaret = med[k].dropna()
        if len(besvaret) >= 2 and besvaret.nunique() == 1:
            advarsler.append(
                f"{navn[k]} har ingen variation (alle svarede {besvaret.iloc[0]:g}); "
                "dens betydning kan ikke beregnes."
            )
        elif len(besvaret) >= 2:
            brugbare.append(k)
    if med[TILFREDSHED].nunique() < 2:
        advarsler.append(
            "Den samlede tilfredshed har ingen variation; ingen betydning kan beregnes."
        )
        brugbare = []

    kollineare = _kollineare(med, brugbare)
    if kollineare and metode == MULTIPEL:
        for a, b, r in kollineare:
            advarsler.append(
                f"{navn[a]} og {navn[b]} hænger næsten fuldstændigt sammen i svarene "
                f"(r = {r:.2f}); "
                "deres betydning kan ikke adskilles i den multiple regression."
            )
        udelukket = {k for a, b, _ in kollineare for k in (a, b)}
        brugbare = [k for k in brugbare if k not in udelukket]

    x, ci, n_model = {}, {}, 0
    if metode == MULTIPEL:
        komplette = med[[TILFREDSHED, *brugbare]].dropna()
        n_model = len(komplette)
        mangler = len(med) - n_model
        if brugbare and mangler:
            advarsler.append(
                f"{antal(mangler, 'besvarelse', 'besvarelser')} mangler svar på et eller flere "
                f"spørgsmål og er udeladt af regressionen."
            )
        if brugbare and n_model < len(brugbare) + 3:
            advarsler.append(
                f"For få besvarelser: {n_model} komplette til "
                f"{antal(len(brugbare), 'faktor', 'faktorer')}; den "
                f"multiple regression kræver mindst {len(brugbare) + 3}. Prøv den bivariate."
            )
        elif brugbare:
            model_data = _standardiser(komplette) if standardiseret else komplette
            params, konfidens = _ols(model_data[TILFREDSHED], model_data[brugbare])
            for k in brugbare:
                x[k], ci[k] = params[k], tuple(konfidens.loc[k])
    else:
        for k in brugbare:
            par = med[[TILFREDSHED, k]].dropna()
            if len(par) < MIN_SVAR_BIVARIAT:
                advarsler.append(
                    f"{navn[k]} har kun {len(par)} svar; dens betydning beregnes ikke."
                )
                continue
            model_data = _standardiser(par) if standardiseret else par
            params, konfidens = _ols(model_data[TILFREDSHED], model_data[[k]])
            x[k], ci[k] = params[k], tuple(konfidens.loc[k])
            n_model = max(n_model, len(par))

    if type == BARRIERE:
        x = {k: -v for k, v in x.items()}
        ci = {k: (-hoej, -lav) for k, (lav, hoej) in ci.items()}

    tegnet = [k for k in koder if k in x and not np.isnan(y_vaerdier[k])]
    x_skille = float(np.mean([x[k] for k in tegnet])) if len(tegnet) >= 2 else None
    y_skille = float(np.mean([y_vaerdier[k] for k in tegnet])) if len(tegnet) >= 2 else None
    if x_skille is None:
        advarsler.append("Der er ikke nok beregnede faktorer til at tegne et indsatskort.")
    resultat = tuple(
        Faktor(
            kode=k,
            tekst=faktorer[k],
            type=type,
            x=_tal(x.get(k)),
            ci_lav=_tal(ci[k][0]) if k in ci else None,
            ci_hoej=_tal(ci[k][1]) if k in ci else None,
            y=_tal(y_vaerdier[k]),
            n=n_vaerdier[k],
            kvadrant=kvadrant(x[k], y_vaerdier[k], x_skille, y_skille)
            if k in tegnet and x_skille is not None
            else None,
            kort=(korte or {}).get(k) or k,
        )
        for k in koder
    )
    return Indsatskort(
        type=type,
        metode=metode,
        n=n_model,
        faktorer=resultat,
        x_skille=x_skille,
        y_skille=y_skille,
        advarsler=tuple(advarsler),
    )


def _tal(v) -> float | None:
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else float(v)


def _kollineare(data: pd.DataFrame, koder: list[str]) -> list[tuple[str, str, float]]:
    if len(koder) < 2:
        return []
    korrelation = data[koder].corr()
    return [
        (a, b, float(korrelation.loc[a, b]))
        for i, a in enumerate(koder)
        for b in koder[i + 1 :]
        if abs(korrelation.loc[a, b]) >= KOLLINEAR
    ]


@dataclass(frozen=True)
class Fordeling:
    """Counts and percentages with n for one question, per group."""

    spoergsmaal: str
    gruppe: str
    n: int
    raekker: tuple[tuple[str, int, float], ...]  # (valg, antal, andel)


def fordelinger(
    svar: pd.DataFrame, *, spoergsmaal: dict[str, list[str]], efter: str | None = None
) -> list[Fordeling]:
    """Descriptive tables: for each question (code → its choices), the count and share of each
    choice among those who answered it, for all and per group of `efter` (e.g. the
    collaboration model). A multiple-choice cell holds a list; its shares can sum past 100 %."""
    grupper = [("Alle", svar)]
    if efter is not None:
        grupper += [(str(navn), del_) for navn, del_ in svar.groupby(efter, sort=True)]
    resultat = []
    for kode, valg in spoergsmaal.items():
        for navn, del_ in grupper:
            besvaret = del_[kode].dropna() if kode in del_ else pd.Series(dtype=object)
            besvaret = besvaret[besvaret.map(lambda v: v != [] and v != "")]
            n = len(besvaret)
            tael = besvaret.explode().map(_som_tekst).value_counts()
            resultat.append(
                Fordeling(
                    spoergsmaal=kode,
                    gruppe=navn,
                    n=n,
                    raekker=tuple(
                        (v, int(tael.get(str(v), 0)), int(tael.get(str(v), 0)) / n if n else 0.0)
                        for v in valg
                    ),
                )
            )
    return resultat


def _som_tekst(v) -> str:
    """4, 4.0 and "4" are the same answer."""
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
