import datetime

import pytest
from django.core.exceptions import ValidationError

from borgere.models import Borger, ligner_cpr, normaliser_cpr, validate_cpr
from jobcenter.imports import maskeret


@pytest.mark.parametrize(
    "cpr",
    [
        "0101901234",  # fails the old modulus-11 check, which must not be required
        "2902884321",  # 29 February in a leap year
        "3112994000",  # 7th digit 4 and year 99: born 1999
        "0101004123",  # 7th digit 4 and year 00: born 2000
    ],
)
def test_it_accepts_a_real_birth_date_without_the_modulus_11_check(cpr):
    validate_cpr(cpr)


@pytest.mark.parametrize(
    "cpr",
    [
        "3102901234",  # 31 February
        "2902894321",  # 29 February in a year that has none
        "010190123",  # nine digits
        "01019012345",  # eleven digits
        "01019O1234",  # a letter O for a zero
        "",
    ],
)
def test_it_rejects_an_invalid_cpr_with_a_danish_message_that_does_not_repeat_it(cpr):
    with pytest.raises(ValidationError) as error:
        validate_cpr(cpr)
    besked = " ".join(error.value.messages)
    assert "CPR-nummeret er ikke gyldigt" in besked
    if cpr:
        assert cpr not in besked


def test_it_rejects_a_birth_date_in_the_future():
    imorgen = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        validate_cpr(f"{imorgen:%d%m%y}4123")


def test_normalisation_strips_dash_and_spaces():
    assert normaliser_cpr(" 010190-1234 ") == "0101901234"
    assert ligner_cpr("010190-1234")
    assert not ligner_cpr("Jens Hansen")


def test_lists_show_the_cpr_masked():
    borger = Borger(cpr="0101901234")
    assert borger.cpr_maskeret == "010190-xxxx"
    assert borger.cpr_formateret == "010190-1234"
    assert borger.foedselsdato == datetime.date(1990, 1, 1)


@pytest.mark.parametrize(
    "skrevet", ["0101901234", "010190-1234", "010190 1234", "010190/1234", "010190.1234"]
)
def test_messages_mask_a_cpr_however_it_is_written(skrevet):
    assert maskeret(f"Ukendt borger {skrevet} i linje 3") == "Ukendt borger 010190-xxxx i linje 3"


def test_messages_leave_other_numbers_alone():
    tekst = "Linje 12: 123456 kr. og telefon 12345678; 12345678901 cifre"
    assert maskeret(tekst) == tekst
