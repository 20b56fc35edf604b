from .forsoeg import Forsoeg, Gruppe, Lodtraekning, Udfaldsmaal
from .instrument import Art, Del, Indikator, Instrument, Screeningsbetingelse, Screeningskategori
from .maaling import Maaling, Svar

__all__ = [
    "Art",
    "Del",
    "Forsoeg",
    "Gruppe",
    "Indikator",
    "Instrument",
    "Lodtraekning",
    "Maaling",
    "Screeningsbetingelse",
    "Screeningskategori",
    "Svar",
    "Udfaldsmaal",
]
