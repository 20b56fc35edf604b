"""Citizens and what the jobcentre does with them: benefit and target-group history, the
access log, key figures, jobordre candidates and praktikforløb."""

from .borger import (
    Adgangslog,
    Borger,
    Handling,
    Jobordrekandidat,
    Kandidatstatus,
    Maalgruppe,
    Maalgruppeperiode,
    Ydelsesbestand,
    Ydelsesperiode,
    Ydelsestype,
    ligner_cpr,
    normaliser_cpr,
    validate_cpr,
)
from .forloeb import (
    Borgerkontakt,
    Forlaengelse,
    Forloebstype,
    Formaalstype,
    Opfoelgningssamtale,
    Praktikaftale,
    Praktikforloeb,
    Trin,
    Udfald,
)

__all__ = [
    "Adgangslog",
    "Borger",
    "Borgerkontakt",
    "Forlaengelse",
    "Forloebstype",
    "Formaalstype",
    "Handling",
    "Jobordrekandidat",
    "Kandidatstatus",
    "Maalgruppe",
    "Maalgruppeperiode",
    "Opfoelgningssamtale",
    "Praktikaftale",
    "Praktikforloeb",
    "Trin",
    "Udfald",
    "Ydelsesbestand",
    "Ydelsesperiode",
    "Ydelsestype",
    "ligner_cpr",
    "normaliser_cpr",
    "validate_cpr",
]
