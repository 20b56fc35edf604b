"""The indsatskort picture (issue 14, item 10): short names instead of codes, labels that never
overlap, uncertain items marked, and pictures drawn once when the analysis is computed."""

import itertools
import random

import pytest
from matplotlib.text import Text

from .. import diagram


def kort(antal: int, *, spredning: float = 0.01, usikre: int = 0) -> dict:
    rng = random.Random(antal)
    faktorer = [
        {
            "kode": f"B{n}",
            "tekst": f"Barriere nummer {n} i kildens lange ordlyd",
            "kort": f"Barriere med et langt kort navn {n}",
            "type": "barriere",
            "x": 0.2 + rng.uniform(-spredning, spredning),
            "y": 3.0 + rng.uniform(-spredning, spredning),
            "ci_lav": -0.1 if n < usikre else 0.05,
            "ci_hoej": 0.4,
            "usikker": n < usikre,
            "n": 40,
            "kvadrant": None,
        }
        for n in range(antal)
    ]
    return {
        "type": "barriere",
        "metode": "multipel",
        "n": 40,
        "tegnes": True,
        "x_skille": 0.2,
        "y_skille": 3.0,
        "advarsler": [],
        "faktorer": faktorer,
    }


def etiketter(figur):
    return [t for t in figur.axes[0].texts if (t.get_gid() or "").startswith("etiket-")]


@pytest.mark.parametrize("antal", [2, 11, 20])
def test_it_places_the_labels_of_many_close_items_so_no_two_overlap(antal):
    figur = diagram.tegn(kort(antal), titel="Barrierer: tæt klump")
    figur.canvas.draw()  # an annotation knows where it is once drawn
    renderer = figur.canvas.get_renderer()
    # The text's own box; an Annotation's extent would include its leader line.
    bokse = [Text.get_window_extent(t, renderer) for t in etiketter(figur)]
    assert len(bokse) == antal
    for a, b in itertools.combinations(bokse, 2):
        assert not a.overlaps(b), (a, b)
    ramme = figur.axes[0].get_window_extent(renderer)
    assert all(ramme.contains(b.x0, b.y0) and ramme.contains(b.x1, b.y1) for b in bokse)


def test_it_labels_items_with_their_short_names_never_their_codes():
    svg = diagram.som_fil(diagram.tegn(kort(3), titel="Barrierer"), "svg").decode()
    assert "Barriere med et langt kort navn 1" in svg
    assert ">B1<" not in svg and "B1 " not in svg


def test_it_draws_an_item_whose_interval_includes_0_hollow_with_a_legend():
    svg = diagram.som_fil(diagram.tegn(kort(4, usikre=2), titel="Barrierer"), "svg").decode()
    assert 'id="usikre"' in svg
    assert "Usikker: 95 %-intervallet rummer 0" in svg and "Betydningen er sikker" in svg


def test_it_writes_one_besvarelse_in_the_title():
    data = kort(2) | {"n": 1}
    assert "1 besvarelse\n" in diagram.tegn(data, titel="T").axes[0].get_title() + "\n"
