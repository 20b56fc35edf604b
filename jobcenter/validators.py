from django.core.validators import RegexValidator

validate_postnummer = RegexValidator(
    r"^[0-9]{4}$", "Postnummeret skal være 4 cifre.", code="ugyldigt_postnummer"
)
validate_telefon = RegexValidator(
    r"^\+?[0-9 ]{8,15}$",
    "Telefonnummeret skal være 8 cifre (evt. med landekode og mellemrum).",
    code="ugyldigt_telefonnummer",
)
