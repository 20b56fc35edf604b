import random

import pytest
from django.core.exceptions import ValidationError

from virksomheder.demo import cvr
from virksomheder.models import validate_cvr, validate_pnummer


def test_a_generated_cvr_has_a_correct_check_digit():
    rng = random.Random(1)
    for _ in range(200):
        validate_cvr(cvr(rng))


@pytest.mark.parametrize("nummer", ["13585628", "10150817"])
def test_it_accepts_real_cvr_numbers(nummer):
    validate_cvr(nummer)


@pytest.mark.parametrize("nummer", ["13585627", "1358562", "135856288", "1358562A", ""])
def test_it_rejects_a_wrong_check_digit_or_length(nummer):
    with pytest.raises(ValidationError, match="CVR-nummeret er ikke gyldigt"):
        validate_cvr(nummer)


def test_a_pnummer_is_ten_digits():
    validate_pnummer("1003388394")
    with pytest.raises(ValidationError, match="P-nummeret skal være 10 cifre"):
        validate_pnummer("100338839")
