"""Danish on the pages: the genitive of a name and a count in the right number."""

import pytest

from jobcenter.sprog import antal, genitiv


@pytest.mark.parametrize(
    ("navn", "ejefald"),
    [
        ("Jobcenter Aarhus", "Jobcenter Aarhus'"),
        ("Jobcenter Aalborg", "Jobcenter Aalborgs"),
        ("Jobcenter Frederiks", "Jobcenter Frederiks'"),
        ("Fax", "Fax'"),
        ("Jobcenter Cruz", "Jobcenter Cruz'"),
        ("VEU-forum Nord- og Midtjylland", "VEU-forum Nord- og Midtjyllands"),
        ("", ""),
    ],
)
def test_it_gives_names_ending_in_s_x_or_z_an_apostrophe_only(navn, ejefald):
    assert genitiv(navn) == ejefald


def test_it_writes_one_besvarelse_and_many_besvarelser():
    assert [antal(n, "besvarelse", "besvarelser") for n in (0, 1, 2)] == [
        "0 besvarelser",
        "1 besvarelse",
        "2 besvarelser",
    ]
