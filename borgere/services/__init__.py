"""Workflows on citizens, by topic. Each writes the access-log rows its action requires."""

from .borger import (
    YDELSESBESTAND,
    Noegletal,
    beregn_ydelsesbestand,
    find_borgere,
    find_ved_cpr,
    gem_borger,
    gem_periode,
    match_til_jobordre,
    noegletal,
    registrer_adgang,
    registrer_drift,
    registrer_visning,
)
from .forloeb import (
    afslut_forloeb,
    forlaeng,
    gem_praktikaftale,
    naeste_trin,
    opret_forloeb,
    registrer_opfoelgning,
    registrer_status_4_uger,
    tilknyt_kontakt,
)
from .importer import godkend_import, koer_import, ryd_importer, start_import
from .maal import Maaltavle, Tempo, beregn_maal, maaloversigt, tempo
from .pladser import Pladsstatus, pladsoversigt

__all__ = [
    "YDELSESBESTAND",
    "Maaltavle",
    "Noegletal",
    "Pladsstatus",
    "Tempo",
    "afslut_forloeb",
    "beregn_maal",
    "beregn_ydelsesbestand",
    "find_borgere",
    "find_ved_cpr",
    "forlaeng",
    "gem_borger",
    "gem_periode",
    "gem_praktikaftale",
    "godkend_import",
    "koer_import",
    "maaloversigt",
    "match_til_jobordre",
    "naeste_trin",
    "noegletal",
    "opret_forloeb",
    "pladsoversigt",
    "registrer_adgang",
    "registrer_drift",
    "registrer_visning",
    "registrer_opfoelgning",
    "registrer_status_4_uger",
    "ryd_importer",
    "start_import",
    "tempo",
    "tilknyt_kontakt",
]
