"""Pure numerics over the citizens' data (no ORM): frames in, frames out.

`paa_ydelse` is the vectorised twin of `borgere.models.forloeb.paa_dato` over
`Ydelsesperiode`, the predicate under Mål 2's `Praktikforloeb.objects.med_selvforsoergelse`:
a nightly computation that has loaded the benefit periods once answers »on a benefit on day
d?« for a million (citizen, day) pairs in a second, where the correlated EXISTS takes many.
`borgere/tests/test_analysis.py` checks that both give the same answer, pair for pair."""

import numpy as np
import pandas as pd

UENDELIG = pd.Timestamp.max.normalize()


def paa_ydelse(dage: pd.DataFrame, ydelser: pd.DataFrame) -> pd.Series:
    """Whether each (citizen, day) is covered by one of the citizen's benefit periods, exactly as
    `paa_dato(Ydelsesperiode, dag)`: a period with `fra` ≤ day and (`til` open or ≥ day).

    `dage` has `borger` and `dag` (datetime64; NaT is never covered, as SQL's comparison with
    NULL); `ydelser` has `borger`, `fra`, `til` (datetime64, NaT: open), already filtered as
    `paa_dato`'s `filtre` would (e.g. to the public benefits). Periods may overlap: a day is
    covered when the latest end among the periods begun by then reaches it. Returns a bool
    Series on `dage`'s index."""
    if dage.empty or ydelser.empty:
        return pd.Series(False, index=dage.index, dtype=bool)
    # One unit for both sides (dates read from CSV come in seconds, from Python dates in µs).
    y = (
        ydelser[["borger", "fra", "til"]]
        .dropna(subset=["fra"])
        .astype({"fra": "datetime64[us]", "til": "datetime64[us]"})
    )
    y = y.assign(til=y["til"].fillna(UENDELIG)).sort_values(["borger", "fra"], kind="stable")
    # Per citizen, the latest end of the periods begun on or before each period's start.
    y = y.assign(naar=y.groupby("borger", sort=False)["til"].cummax())
    venstre = pd.DataFrame(
        {
            "borger": dage["borger"].to_numpy(),
            "dag": dage["dag"].to_numpy().astype("datetime64[us]"),
            "_raekke": range(len(dage)),
        }
    )
    kendt = venstre[venstre["dag"].notna()].sort_values("dag", kind="stable")
    fundet = pd.merge_asof(
        kendt,
        y[["borger", "fra", "naar"]].sort_values("fra", kind="stable"),
        left_on="dag",
        right_on="fra",
        by="borger",
        direction="backward",
    )
    daekket = (fundet["naar"].notna() & (fundet["naar"] >= fundet["dag"])).to_numpy()
    svar = np.zeros(len(dage), dtype=bool)
    svar[fundet["_raekke"].to_numpy()] = daekket
    return pd.Series(svar, index=dage.index, dtype=bool)
