"""The company side: companies and their people, the contact log and follow-up, segments,
jobordrer, agreements and virksomhedscentre. Knows no citizen (design.md §3)."""

from .aftale import Aftale, Aftalestatus, Aftaletype, Centerform, Mentor, Plads, Virksomhedscenter
from .jobordre import Jobordre, Jobordrestatus
from .kontakt import Formaal, Initiativ, Kanal, Kontakt, Opgave, Opgaveart
from .virksomhed import (
    Arbejdssted,
    Branche,
    Kontaktperson,
    Niveau,
    Prioritetsgruppe,
    Segment,
    Sektor,
    Stoerrelse,
    Virksomhed,
    Virksomhedsforhold,
    Virksomhedsnotat,
    validate_cvr,
    validate_pnummer,
)

__all__ = [
    "Aftale",
    "Aftalestatus",
    "Aftaletype",
    "Arbejdssted",
    "Branche",
    "Centerform",
    "Formaal",
    "Initiativ",
    "Jobordre",
    "Jobordrestatus",
    "Kanal",
    "Kontakt",
    "Kontaktperson",
    "Mentor",
    "Niveau",
    "Opgave",
    "Opgaveart",
    "Plads",
    "Prioritetsgruppe",
    "Sektor",
    "Segment",
    "Stoerrelse",
    "Virksomhed",
    "Virksomhedscenter",
    "Virksomhedsforhold",
    "Virksomhedsnotat",
    "validate_cvr",
    "validate_pnummer",
]
