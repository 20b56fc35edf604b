from .forsoeg import ForsoegForm, StopForm
from .instrument import IndikatorForm, InstrumentForm, KategoriForm
from .maaling import ALLE, ForfaldneForm, MaalingForm

__all__ = [
    "ALLE",
    "ForfaldneForm",
    "ForsoegForm",
    "IndikatorForm",
    "InstrumentForm",
    "KategoriForm",
    "MaalingForm",
    "StopForm",
]
