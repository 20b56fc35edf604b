from .forsoeg import Forsoeg, Gruppe, Lodtraekning, Udfaldsmaal
from .instrument import Art, Del, Indikator, Instrument, Screeningsbetingelse, Screeningskategori
from .maaling import Maaling, Svar
from .overlevelse import Gruppering, Logranktest, Overlevelseskurve, StartArt
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
    "Gruppering",
    "Lodtraekning",
    "Logranktest",
    "Maaling",
    "Overlevelseskurve",
    "Screeningsbetingelse",
    "Screeningskategori",
    "StartArt",
    "Svar",
    "Udfaldsmaal",
]
