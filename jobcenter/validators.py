from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

validate_postnummer = RegexValidator(
    r"^[0-9]{4}$", "Postnummeret skal være 4 cifre.", code="ugyldigt_postnummer"
)
validate_telefon = RegexValidator(
    r"^\+?[0-9 ]{8,15}$",
    "Telefonnummeret skal være 8 cifre (evt. med landekode og mellemrum).",
    code="ugyldigt_telefonnummer",
)


def validate_soegning(tekst: str) -> None:
    """PostgreSQL stores no NUL character in text and refuses one in a query: a search holding
    one would answer 500 (the file imports refuse it line by line for the same reason)."""
    if "\x00" in tekst:
        raise ValidationError(
            "Søgningen indeholder et ugyldigt tegn (NUL). Skriv den igen uden tegnet.",
            code="nul",
        )
