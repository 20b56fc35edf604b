from .instrument import IndikatorForm, InstrumentForm, KategoriForm

__all__ = ["IndikatorForm", "InstrumentForm", "KategoriForm"]
