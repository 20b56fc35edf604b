"""A company known only by its CVR number (from an import of forløb, say) is created by the
company side with the defaults it owns."""

import pytest

from virksomheder.models import Virksomhed
from virksomheder.services import (
    UKENDT_SEKTOR,
    UKENDT_STOERRELSE,
    opret_ukendte_virksomheder,
)

from .factories import VirksomhedFactory

pytestmark = pytest.mark.django_db


def test_unknown_companies_are_created_with_defaults_and_known_ones_left_alone(jobcenter_a):
    kendt = VirksomhedFactory(cvr="13585628", navn="Kendt A/S")
    ider = opret_ukendte_virksomheder(cvr_numre={"13585628", "10150817"}, jobcenter=jobcenter_a)
    ny = Virksomhed.objects.get(cvr="10150817")
    assert ider == {"13585628": kendt.pk, "10150817": ny.pk}
    assert (ny.navn, ny.branche.kode, ny.sektor, ny.stoerrelse, ny.kommune.kommunenummer) == (
        "Virksomhed med CVR 10150817",
        "S",
        UKENDT_SEKTOR,
        UKENDT_STOERRELSE,
        751,
    )
    kendt.refresh_from_db()
    assert kendt.navn == "Kendt A/S"
    assert opret_ukendte_virksomheder(cvr_numre={"10150817"}, jobcenter=jobcenter_a) == {
        "10150817": ny.pk
    }
    assert Virksomhed.objects.count() == 2
