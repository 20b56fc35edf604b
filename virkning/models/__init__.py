from .forsoeg import Forsoeg, Gruppe, Lodtraekning, Udfaldsmaal
from .instrument import Art, Del, Indikator, Instrument, Screeningsbetingelse, Screeningskategori
from .maaling import Maaling, Svar
from .udfald import Gruppeart, Indsatsudfald

__all__ = [
    "Art",
    "Del",
    "Forsoeg",
    "Gruppe",
    "Gruppeart",
    "Indikator",
    "Indsatsudfald",
    "Instrument",
    "Lodtraekning",
    "Maaling",
    "Screeningsbetingelse",
    "Screeningskategori",
    "Svar",
    "Udfaldsmaal",
]
