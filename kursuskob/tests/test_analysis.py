"""The indsatskort on small hand-built frames whose answers are known in advance."""

import math

import pandas as pd
import pytest

from ..analysis import (
    BARRIERE,
    BIVARIAT,
    DRIVKRAFT,
    INDSATSOMRAADE,
    fordelinger,
    indsatskort,
    kvadrant,
)

B1 = [1, 2, 3, 4, 5, 1, 2, 3]
B2 = [2, 2, 4, 4, 1, 5, 3, 1]
TEKSTER = {"B1": "Økonomi", "B2": "Fleksibilitet", "B3": "Lav ledighed"}


def svar(**kolonner) -> pd.DataFrame:
    return pd.DataFrame(kolonner)


def faktor(kort, kode):
    return next(f for f in kort.faktorer if f.kode == kode)


def test_multiple_regression_gives_the_standardised_coefficients_sign_flipped_for_barriers():
    # Satisfaction falls by exactly 0.5 per point of B1 and 0.25 per point of B2.
    tilfredshed = [5 - 0.5 * a - 0.25 * b for a, b in zip(B1, B2, strict=True)]
    data = svar(tilfredshed=tilfredshed, B1=B1, B2=B2)
    kort = indsatskort(data, faktorer={"B1": "Økonomi", "B2": "Fleksibilitet"}, type=BARRIERE)
    sd = data.std(ddof=1)
    # A standardised coefficient is the raw one times sd(x)/sd(y); harmful = to the right.
    assert faktor(kort, "B1").x == pytest.approx(0.5 * sd["B1"] / sd["tilfredshed"])
    assert faktor(kort, "B2").x == pytest.approx(0.25 * sd["B2"] / sd["tilfredshed"])
    assert faktor(kort, "B1").y == pytest.approx(21 / 8)
    assert (kort.n, kort.advarsler, kort.tegnes) == (8, (), True)
    b1 = faktor(kort, "B1")
    assert b1.ci_lav == pytest.approx(b1.x) and b1.ci_hoej == pytest.approx(b1.x)  # exact fit


def test_bivariate_on_standardised_scores_is_the_correlation():
    tilfredshed = [2, 3, 3, 5, 4, 1, 2, 4]
    data = svar(tilfredshed=tilfredshed, D1=B1, D2=B2)
    kort = indsatskort(
        data, faktorer={"D1": "Fleksibilitet", "D2": "Sikkerhed"}, type=DRIVKRAFT, metode=BIVARIAT
    )
    assert faktor(kort, "D1").x == pytest.approx(data["tilfredshed"].corr(data["D1"]))
    assert faktor(kort, "D2").x == pytest.approx(data["tilfredshed"].corr(data["D2"]))
    d1 = faktor(kort, "D1")
    assert d1.ci_lav < d1.x < d1.ci_hoej


def test_the_split_lines_are_the_means_and_the_upper_right_is_the_indsatsomraade():
    assert kvadrant(1.0, 4.0, 0.5, 3.0) == INDSATSOMRAADE
    assert kvadrant(0.5, 3.0, 0.5, 3.0) == INDSATSOMRAADE  # on the lines counts as above
    assert kvadrant(0.1, 4.0, 0.5, 3.0) == "Høj score, lille betydning"
    assert kvadrant(1.0, 2.0, 0.5, 3.0) == "Stor betydning, lav score"
    assert kvadrant(0.1, 2.0, 0.5, 3.0) == "Lav prioritet"
    # B1 is experienced more (Y) and harms satisfaction more (X) than B2.
    b1 = [4, 5, 3, 4, 5, 2, 4, 5]
    b2 = [2, 1, 3, 2, 1, 2, 2, 1]
    tilfredshed = [5 - 0.8 * a - 0.1 * b for a, b in zip(b1, b2, strict=True)]
    kort = indsatskort(
        svar(tilfredshed=tilfredshed, B1=b1, B2=b2), faktorer=TEKSTER | {}, type=BARRIERE
    )
    assert kort.x_skille == pytest.approx((faktor(kort, "B1").x + faktor(kort, "B2").x) / 2)
    assert kort.y_skille == pytest.approx((4.0 + 1.75) / 2)
    assert faktor(kort, "B1").kvadrant == INDSATSOMRAADE
    assert faktor(kort, "B2").kvadrant == "Lav prioritet"
    assert faktor(kort, "B3").x is None and faktor(kort, "B3").n == 0


def test_an_item_without_variance_gets_no_x_and_a_warning():
    tilfredshed = [5 - 0.5 * a - 0.25 * b for a, b in zip(B1, B2, strict=True)]
    data = svar(tilfredshed=tilfredshed, B1=B1, B2=B2, B3=[4] * 8)
    kort = indsatskort(data, faktorer=TEKSTER, type=BARRIERE)
    b3 = faktor(kort, "B3")
    assert (b3.x, b3.y, b3.n, b3.kvadrant) == (None, 4.0, 8, None)
    assert (
        "»B3« har ingen variation (alle svarede 4); dens betydning kan ikke beregnes."
        in kort.advarsler
    )
    assert faktor(kort, "B1").x is not None and kort.tegnes


def test_too_few_answers_draw_no_map_and_say_so():
    data = svar(tilfredshed=[3, 4, 2], B1=[1, 2, 3], B2=[2, 2, 4])
    kort = indsatskort(data, faktorer={"B1": "a", "B2": "b"}, type=BARRIERE)
    assert not kort.tegnes
    assert all(f.x is None for f in kort.faktorer)
    assert any("For få besvarelser: 3 komplette til 2 faktorer" in a for a in kort.advarsler)
    assert [f.y for f in kort.faktorer] == [2.0, pytest.approx(8 / 3)]


def test_missing_answers_are_left_out_of_the_regression_and_counted():
    tilfredshed = [5 - 0.5 * a - 0.25 * b for a, b in zip(B1, B2, strict=True)]
    b2 = [math.nan, *B2[1:]]
    data = svar(tilfredshed=[*tilfredshed[:7], None], B1=B1, B2=b2)
    kort = indsatskort(data, faktorer={"B1": "a", "B2": "b"}, type=BARRIERE)
    assert (faktor(kort, "B1").n, faktor(kort, "B2").n, kort.n) == (8, 7, 6)
    assert "1 besvarelse uden samlet tilfredshed indgår kun i scorerne (Y)." in kort.advarsler
    assert any(a.startswith("1 besvarelse mangler svar") for a in kort.advarsler)
    assert faktor(kort, "B2").y == pytest.approx(sum(B2[1:]) / 7)


def test_collinear_items_are_not_told_apart_and_the_chart_says_so():
    tilfredshed = [5 - 0.5 * a for a in B1]
    data = svar(tilfredshed=tilfredshed, B1=B1, B2=B1, B3=B2)
    kort = indsatskort(data, faktorer=TEKSTER, type=BARRIERE)
    assert faktor(kort, "B1").x is None and faktor(kort, "B2").x is None
    assert faktor(kort, "B3").x is not None
    assert any("»B1« og »B2« hænger næsten fuldstændigt sammen" in a for a in kort.advarsler)
    assert not kort.tegnes  # one item is no map
    # The bivariate option can still show each item's own relation.
    bivariat = indsatskort(data, faktorer=TEKSTER, type=BARRIERE, metode=BIVARIAT)
    assert faktor(bivariat, "B1").x == pytest.approx(1.0)
    assert bivariat.tegnes


def test_no_variance_in_satisfaction_gives_no_x_at_all():
    data = svar(tilfredshed=[4] * 8, B1=B1, B2=B2)
    kort = indsatskort(data, faktorer={"B1": "a", "B2": "b"}, type=DRIVKRAFT)
    assert not kort.tegnes and all(f.x is None for f in kort.faktorer)
    assert any("tilfredshed har ingen variation" in a for a in kort.advarsler)


def test_descriptive_tables_count_each_choice_with_n_overall_and_by_model():
    data = pd.DataFrame(
        {
            "model": ["netvaerk", "netvaerk", "netvaerk", "primaer", None],
            "redskaber": [["virksomheder", "positivliste"], ["virksomheder"], [], ["andet"], None],
        }
    )
    tabeller = fordelinger(
        data, spoergsmaal={"redskaber": ["virksomheder", "positivliste", "andet"]}, efter="model"
    )
    alle = next(t for t in tabeller if t.gruppe == "Alle")
    assert alle.n == 3  # an empty or missing answer is not an answer
    assert alle.raekker == (
        ("virksomheder", 2, 2 / 3),
        ("positivliste", 1, 1 / 3),
        ("andet", 1, 1 / 3),
    )
    netvaerk = next(t for t in tabeller if t.gruppe == "netvaerk")
    assert (netvaerk.n, netvaerk.raekker[0]) == (2, ("virksomheder", 2, 1.0))
    model = fordelinger(data, spoergsmaal={"model": ["netvaerk", "primaer"]})
    assert model[0].raekker == (("netvaerk", 3, 0.75), ("primaer", 1, 0.25))
