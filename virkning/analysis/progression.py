"""The citizen's progression (issue 16, item 3): each indicator over time, with the change since
the first and since the previous measurement, read in the indicator's own direction.

Pure: plain rows in, a frozen dataclass out, no ORM. Versions of one instrument are joined by the
instrument's code and their indicators by the indicator's code, so a new version continues the
old one's lines."""

import datetime
from dataclasses import dataclass, field

BEDRE = "bedre"
DAARLIGERE = "dårligere"
UAENDRET = "uændret"


@dataclass(frozen=True)
class Indikatorraekke:
    """One indicator of one instrument version."""

    kode: str
    navn: str
    stilles_til: str
    skala_min: int
    skala_max: int
    label_min: str
    label_max: str
    hoejere_er_bedre: bool
    raekkefoelge: int


@dataclass(frozen=True)
class Maalingsraekke:
    """One measurement: the version's code, name and version number, the indicators the version
    asks (`indikatorer`) and the answers given (`svar`: indicator code → value)."""

    dato: datetime.date
    instrumentkode: str
    instrumentnavn: str
    version: int
    indikatorer: tuple[Indikatorraekke, ...]
    svar: dict[str, int] = field(hash=False)


@dataclass(frozen=True)
class Periode:
    """A forløb or a course on the time axis; `slut` None: it runs on. `planlagt`: the end is
    the planned one (the forløb has not ended)."""

    art: str
    navn: str
    start: datetime.date
    slut: datetime.date | None
    planlagt: bool = False


@dataclass(frozen=True)
class Aendring:
    point: int
    retning: str  # BEDRE, DAARLIGERE or UAENDRET

    @property
    def tekst(self) -> str:
        """»+2 point, bedre«, »−1 point, dårligere«, »0 point, uændret« (a real minus sign)."""
        fortegn = "+" if self.point > 0 else ("−" if self.point < 0 else "")
        return f"{fortegn}{abs(self.point)}\u00a0point, {self.retning}"


@dataclass(frozen=True)
class Punkt:
    """One indicator in one measurement. `vaerdi` None: not answered (`stillet`: the version
    asked it) or not asked. The changes compare with the first and the previous answered value."""

    dato: datetime.date
    vaerdi: int | None
    stillet: bool
    fra_foerste: Aendring | None
    fra_forrige: Aendring | None


@dataclass(frozen=True)
class Indikatorforloeb:
    indikator: Indikatorraekke
    punkter: tuple[Punkt, ...]

    @property
    def besvarede(self) -> tuple[Punkt, ...]:
        return tuple(p for p in self.punkter if p.vaerdi is not None)

    @property
    def samlet(self) -> Aendring | None:
        """From the first answered value to the last."""
        besvarede = self.besvarede
        return besvarede[-1].fra_foerste if len(besvarede) > 1 else None


@dataclass(frozen=True)
class Instrumentforloeb:
    kode: str
    navn: str
    datoer: tuple[datetime.date, ...]
    indikatorer: tuple[Indikatorforloeb, ...]

    @property
    def dele(self) -> tuple[tuple[str, tuple[Indikatorforloeb, ...]], ...]:
        """The indicators by whom they are asked (the citizen's part, the consultant's), in the
        order the parts first appear."""
        dele: dict[str, list[Indikatorforloeb]] = {}
        for forloeb in self.indikatorer:
            dele.setdefault(forloeb.indikator.stilles_til, []).append(forloeb)
        return tuple((del_, tuple(liste)) for del_, liste in dele.items())


@dataclass(frozen=True)
class Progression:
    instrumenter: tuple[Instrumentforloeb, ...]
    perioder: tuple[Periode, ...]


def aendring(fra: int, til: int, *, hoejere_er_bedre: bool) -> Aendring:
    point = til - fra
    if point == 0:
        return Aendring(0, UAENDRET)
    return Aendring(point, BEDRE if (point > 0) == hoejere_er_bedre else DAARLIGERE)


def _indikatorforloeb(
    indikator: Indikatorraekke, maalinger: list[Maalingsraekke]
) -> Indikatorforloeb:
    punkter = []
    foerste = forrige = None
    for maaling in maalinger:
        stillet = any(i.kode == indikator.kode for i in maaling.indikatorer)
        vaerdi = maaling.svar.get(indikator.kode)
        fra_foerste = fra_forrige = None
        if vaerdi is not None:
            if foerste is not None:
                fra_foerste = aendring(foerste, vaerdi, hoejere_er_bedre=indikator.hoejere_er_bedre)
                fra_forrige = aendring(forrige, vaerdi, hoejere_er_bedre=indikator.hoejere_er_bedre)
            else:
                foerste = vaerdi
            forrige = vaerdi
        stillet = stillet or vaerdi is not None
        punkter.append(Punkt(maaling.dato, vaerdi, stillet, fra_foerste, fra_forrige))
    return Indikatorforloeb(indikator, tuple(punkter))


def progression(maalinger: list[Maalingsraekke], perioder: list[Periode] = ()) -> Progression:
    """The citizen's instruments (by code, in the order first measured), each with its
    indicators over its measurements in date order. An indicator is described as the newest
    version that asks it describes it; indicators in that version's order, then older ones."""
    efter_kode: dict[str, list[Maalingsraekke]] = {}
    for maaling in sorted(maalinger, key=lambda m: (m.dato, m.version)):
        efter_kode.setdefault(maaling.instrumentkode, []).append(maaling)
    instrumenter = []
    for kode, raekker in efter_kode.items():
        nyeste = max(raekker, key=lambda m: (m.version, m.dato))
        beskrevet: dict[str, tuple[tuple, Indikatorraekke]] = {}
        # Newest first: the first description of a code wins and sorts it.
        nyeste_foerst = sorted(raekker, key=lambda m: (m.version, m.dato), reverse=True)
        for alder, maaling in enumerate(nyeste_foerst):
            for indikator in maaling.indikatorer:
                beskrevet.setdefault(indikator.kode, ((alder, indikator.raekkefoelge), indikator))
        indikatorer = [i for _, i in sorted(beskrevet.values(), key=lambda par: par[0])]
        instrumenter.append(
            Instrumentforloeb(
                kode=kode,
                navn=nyeste.instrumentnavn,
                datoer=tuple(m.dato for m in raekker),
                indikatorer=tuple(_indikatorforloeb(i, raekker) for i in indikatorer),
            )
        )
    perioder = sorted(perioder, key=lambda p: (p.start, p.art, p.navn))
    return Progression(tuple(instrumenter), tuple(perioder))
