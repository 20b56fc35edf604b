"""Sorting a screened citizen into a category by the instrument's rules (data, not code)."""

from decimal import Decimal

from ..models import Indikator, Instrument, Screeningskategori


def dimensionsscorer(*, instrument: Instrument, vaerdier: dict[int, int]) -> dict[str, float]:
    """Each dimension's score: the mean of its answered indicators (`vaerdier`: indicator id →
    value), turned so that higher is better. A dimension with no answer has no score."""
    summer: dict[str, list[float]] = {}
    indikatorer: list[Indikator] = list(instrument.indikatorer.exclude(dimension=""))
    for indikator in indikatorer:
        if (vaerdi := vaerdier.get(indikator.pk)) is None:
            continue
        if not indikator.hoejere_er_bedre:
            vaerdi = indikator.skala_min + indikator.skala_max - vaerdi
        summer.setdefault(indikator.dimension, []).append(vaerdi)
    return {dimension: sum(v) / len(v) for dimension, v in summer.items()}


def kategori_for(
    *, instrument: Instrument, vaerdier: dict[int, int]
) -> tuple[Screeningskategori | None, list[str]]:
    """The first category (in its order) whose conditions all hold, with those conditions as
    its reasons in Danish; a condition on a dimension without a score does not hold. None when
    no category matches (an instrument without a catch-all category)."""
    scorer = dimensionsscorer(instrument=instrument, vaerdier=vaerdier)
    for kategori in instrument.kategorier.prefetch_related("betingelser"):
        grunde = []
        for betingelse in kategori.betingelser.all():
            score = scorer.get(betingelse.dimension)
            if score is None or Decimal(str(round(score, 4))) >= betingelse.graense:
                break
            grunde.append(
                f"{betingelse.dimension}: {score:.1f} (under {betingelse.graense})".replace(
                    ".", ","
                )
            )
        else:
            return kategori, grunde
    return None, []
