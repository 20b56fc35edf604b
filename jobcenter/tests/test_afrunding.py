"""Issue 14, item 7: numbers are rounded half up, never cut, in one place."""

from decimal import Decimal

import pytest

from jobcenter.afrunding import afrund, procent
from jobcenter.templatetags import tal

# The issue's own examples: Django's number_format cut them to 5,4, 89,4 and 93,7.
EKSEMPLER = [(3, 55, "5,5\u00a0%"), (51, 57, "89,5\u00a0%"), (15, 16, "93,8\u00a0%")]


@pytest.mark.parametrize(("taeller", "naevner", "vist"), EKSEMPLER)
def test_the_filter_rounds_a_share_half_up(taeller, naevner, vist):
    assert tal.procent(taeller / naevner) == vist  # a float, as the analyses hand it over
    assert tal.procent(Decimal(taeller) / Decimal(naevner)) == vist
    # …and as a snapshot stores it, with four places (0.0545, 0.8947, 0.9375)
    gemt = (Decimal(taeller) / Decimal(naevner)).quantize(Decimal("0.0001"))
    assert tal.procent(gemt) == vist


def test_a_half_is_a_half_also_when_the_float_is_a_hair_below():
    assert Decimal(0.1235) < Decimal("0.1235")  # the float's binary value
    assert procent(0.1235) == Decimal("12.4")
    assert afrund(2.675, 2) == Decimal("2.68")  # round(2.675, 2) is 2.67


def test_the_other_filters_round_too():
    assert tal.antal(Decimal("2.5")) == "3"
    assert tal.antal(Decimal("9000.0000")) == "9.000"
    assert tal.kroner(Decimal("1234.005")) == "1.234,01\u00a0kr."
    assert tal.fortegn_procent(Decimal("0.03175"), point=True) == "+3,2\u00a0procentpoint"
    assert tal.fortegn_procent(Decimal("-0.0004")) == "+0,0\u00a0%"  # no »−0,0«
    assert tal.fortegn_procent(Decimal("-0.0375")) == "−3,8\u00a0%"


def test_a_missing_figure_stays_missing():
    assert afrund(None) is None and procent("") is None
    assert tal.procent(None) == tal.antal("") == tal.kroner(None) == "–"
