"""The registry of goal kinds (design.md §7): each kind is one class that says who counts on a
date, how they are counted per jobcentre and nationally, how jobcentres are compared, its unit
and how its figures are written, who counts in one sentence, and whether a small n is hidden.
A campaign's goal names its kind by `Maal.art` (the key here); the computation, the dashboard,
the import, the templates and the chart all ask the kind, so a new kind is one class + its test.
"""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from django.db import connections
from django.db.models import Count, OuterRef, Q, QuerySet

from jobcenter import afrunding
from jobcenter.access import kan_se_aggregat
from jobcenter.templatetags.tal import antal, fortegn_procent, procent

from ..models import Maal, Maalgruppeperiode, Maalsnapshot, Praktikforloeb, Trin, Ydelsesperiode
from ..models.forloeb import paa_dato

FIRE = Decimal("0.0001")

# Per jobcentre, and nationally under the key None: (numerator, denominator or None).
Taelling = dict[int | None, tuple[int, int | None]]

MAALARTER: dict[str, type["Maalart"]] = {}


def registrer(klasse: type["Maalart"]) -> type["Maalart"]:
    if klasse.kode in MAALARTER and MAALARTER[klasse.kode] is not klasse:
        raise ValueError(f"Målarten »{klasse.kode}« er registreret to gange.")
    MAALARTER[klasse.kode] = klasse
    return klasse


def maalart(kode: str) -> "Maalart":
    return MAALARTER[kode]()


def valg() -> list[tuple[str, str]]:
    """The choices of `Maal.art`, read when a form or the admin needs them."""
    return [(kode, klasse.navn) for kode, klasse in MAALARTER.items()]


def maaneder_foer(dato: datetime.date, maaneder: int) -> datetime.date:
    aar, maaned = divmod(dato.year * 12 + dato.month - 1 - maaneder, 12)
    return datetime.date(aar, maaned + 1, min(dato.day, calendar.monthrange(aar, maaned + 1)[1]))


def ider(relation) -> list[int]:
    """A goal's definition as plain id lists: the planner does better with literal lists than
    with subqueries through the many-to-many tables. Read from the prefetched relation when
    there is one (beregn_maal prefetches them all, so no query here)."""
    return sorted(obj.pk for obj in relation.all())


def i_maalgruppe(maal: Maal, paa) -> Q:
    return Q(
        paa_dato(Ydelsesperiode, paa, ydelse_id__in=ider(maal.ydelser)),
        paa_dato(Maalgruppeperiode, paa, maalgruppe_id__in=ider(maal.maalgrupper)),
    )


def eller(relation) -> str:
    # »eller« between every name: some names hold a comma (»Løntilskud, privat«).
    return " eller ".join(str(r).lower() for r in relation.all()) or "(ingen valgt)"


class Maalart:
    """A count of forløb, compared by målopfyldelse, never hidden. A kind overrides what
    differs; `bag_tallet` and `hvem_taeller` it must say."""

    kode: ClassVar[str]
    navn: ClassVar[str]
    # How a figure is written after its number, on the page and on the chart's axis ("" for a
    # count); `enhedsnavn` is what a count is of.
    enhedstegn: ClassVar[str] = ""
    enhedsnavn: ClassVar[str] = "forløb"
    sammenlignet_paa: ClassVar[str] = "målopfyldelse"
    # A count's scale depends on the jobcentre's size, so the chart of one jobcentre leaves the
    # country's line out; a share can stand beside it.
    landet_i_grafen: ClassVar[bool] = False
    stoerste_maaltal: ClassVar[Decimal | None] = None
    uden_placering: ClassVar[str] = ""

    def bag_tallet(self, maal: Maal, dato: datetime.date) -> QuerySet[Praktikforloeb]:
        raise NotImplementedError

    def hvem_taeller(self, maal: Maal) -> str:
        raise NotImplementedError

    def taelling(self, maal: Maal, dato: datetime.date) -> Taelling:
        """One aggregate query, grouped by jobcentre; the nation is their sum."""
        rows = (
            self.bag_tallet(maal, dato)
            .values("borger__jobcenter_id")
            .order_by()
            .annotate(n=Count("pk"))
        )
        tal = {r["borger__jobcenter_id"]: (r["n"], None) for r in rows}
        return {**tal, None: (sum(t for t, _ in tal.values()), None)}

    @property
    def tom(self) -> tuple[int, int | None]:
        return (0, None)

    def vaerdi(self, taeller: int, naevner: int | None) -> Decimal | None:
        return Decimal(taeller)

    def sammenlignes(self, snapshot: Maalsnapshot | None) -> Decimal | None:
        """A count depends on the jobcentre's size, so jobcentres are compared on how far they
        are towards their own target, as the sources do ("6 ud af 10 jobcentre ligger over
        landsgennemsnittet mht. målopfyldelse", N p.1)."""
        return None if snapshot is None else snapshot.maalopfyldelse

    def stigning(self, snapshot: Maalsnapshot) -> Decimal | None:
        """Relative growth since the start."""
        if snapshot.baseline is None or snapshot.vaerdi is None or not snapshot.baseline:
            return None
        return snapshot.vaerdi / snapshot.baseline - 1

    def vis(self, vaerdi) -> str:
        return antal(vaerdi)

    def vis_stigning(self, stigning) -> str:
        return fortegn_procent(stigning)

    def rund(self, vaerdi) -> Decimal | None:
        """A figure for the chart, rounded as the table beside it shows it."""
        return afrunding.afrund(vaerdi)

    def grundlag(self, snapshot: Maalsnapshot) -> str:
        return self.enhedsnavn

    def med_grundlag(self, snapshot: Maalsnapshot) -> str:
        return f"{self.vis(snapshot.vaerdi)} {self.enhedsnavn}"

    def placeret_med(self, snapshot: Maalsnapshot | None) -> str:
        return ""

    def for_faa(self, snapshot: Maalsnapshot, *, bruger) -> bool:
        """Whether a jobcentre's figure must be hidden from this user (design.md §5)."""
        return False

    def bag_kolonne(self, maal: Maal) -> str:
        """The extra column of the drill-down, if the kind has one."""
        return ""

    def bag_vaerdi(self, forloeb: Praktikforloeb) -> str:
        return ""


@registrer
class Bestand(Maalart):
    """Mål 1: citizens in the target group in a running forløb on the date (domain §5.2)."""

    kode = "bestand"
    navn = "Bestand på dato"
    enhedsnavn = "borgere"

    def bag_tallet(self, maal, dato):
        return (
            Praktikforloeb.objects.filter(type_id__in=ider(maal.forloebstyper))
            .koerende(dato)
            .filter(i_maalgruppe(maal, dato))
        )

    def taelling(self, maal, dato):
        """Distinct citizens per jobcentre and, nationally, distinct persons, in one query: a
        person who moved has a record in each jobcentre (design.md §5), and the nation counts
        the person once, by CPR number, without the figures showing the link. The citizens
        behind the figure are found once (a common table expression, which PostgreSQL
        materialises when it is read twice) and counted both ways."""
        bag = (
            self.bag_tallet(maal, dato)
            .values_list("borger__jobcenter_id", "borger_id", "borger__cpr")
            .order_by()
            .distinct()
        )
        # The ORM's own SQL, with every value still a parameter.
        indre, params = bag.query.sql_with_params()
        sql = (
            f"WITH bag (jobcenter_id, borger_id, cpr) AS ({indre}) "  # noqa: S608
            "SELECT jobcenter_id, COUNT(DISTINCT borger_id) FROM bag GROUP BY jobcenter_id "
            "UNION ALL SELECT NULL, COUNT(DISTINCT cpr) FROM bag"
        )
        with connections[bag.db].cursor() as cursor:
            cursor.execute(sql, params)
            return {jobcenter_id: (n, None) for jobcenter_id, n in cursor.fetchall()}

    def hvem_taeller(self, maal):
        return (
            f"Tæller borgere på {eller(maal.ydelser)} i {eller(maal.maalgrupper)}, som på dagen "
            f"er i {eller(maal.forloebstyper)}; hver borger tælles én gang."
        )


@registrer
class Andel(Maalart):
    """Mål 2: the share of ended forløb whose citizen is self-supporting N weeks after, by
    `Praktikforloeb.objects.med_selvforsoergelse` (domain §5.3)."""

    kode = "andel"
    navn = "Andel selvforsørgende N uger efter"
    enhedstegn = "%"
    enhedsnavn = "afsluttede forløb"
    sammenlignet_paa = "andelen"
    landet_i_grafen = True
    stoerste_maaltal = Decimal(1)
    uden_placering = "ikke placeret, da ingen forløb er afsluttet i målevinduet; "

    def bag_tallet(self, maal, dato):
        """Ended forløb whose follow-up day (end + N weeks) falls in the window up to the date,
        and whose citizen was in the target group on the end date; annotated `paa_ydelse`."""
        efter = datetime.timedelta(weeks=maal.uger_efter)
        return (
            Praktikforloeb.objects.filter(
                type_id__in=ider(maal.forloebstyper),
                trin=Trin.AFSLUTNING,
                faktisk_slut__gt=maaneder_foer(dato, maal.vindue_maaneder) - efter,
                faktisk_slut__lte=dato - efter,
            )
            .filter(i_maalgruppe(maal, OuterRef("faktisk_slut")))
            .med_selvforsoergelse(
                uger=maal.uger_efter, offentlige_ydelser=ider(maal.offentlige_ydelser)
            )
        )

    def taelling(self, maal, dato):
        """(self-supporting, all forløb) per jobcentre in one query; the nation is the sum."""
        rows = (
            self.bag_tallet(maal, dato)
            .values("borger__jobcenter_id")
            .order_by()
            .annotate(naevner=Count("pk"), taeller=Count("pk", filter=Q(paa_ydelse=False)))
        )
        tal = {r["borger__jobcenter_id"]: (r["taeller"], r["naevner"]) for r in rows}
        return {**tal, None: (sum(t for t, _ in tal.values()), sum(n for _, n in tal.values()))}

    @property
    def tom(self):
        return (0, 0)

    def vaerdi(self, taeller, naevner):
        if not naevner:
            return None  # a share of nothing
        return (Decimal(taeller) / Decimal(naevner)).quantize(FIRE, ROUND_HALF_UP)

    def sammenlignes(self, snapshot):
        return None if snapshot is None else snapshot.vaerdi

    def stigning(self, snapshot):
        """The change in percentage points."""
        if snapshot.baseline is None or snapshot.vaerdi is None:
            return None
        return snapshot.vaerdi - snapshot.baseline

    def vis(self, vaerdi):
        return procent(vaerdi)

    def vis_stigning(self, stigning):
        return fortegn_procent(stigning, True)

    def rund(self, vaerdi):
        return afrunding.procent(vaerdi)

    def grundlag(self, snapshot):
        return f"{snapshot.taeller or 0} af {snapshot.naevner or 0} afsluttede forløb"

    def med_grundlag(self, snapshot):
        return f"{self.vis(snapshot.vaerdi)} ({snapshot.taeller} af {snapshot.naevner} forløb)"

    def placeret_med(self, snapshot):
        return "" if snapshot is None else f" med {snapshot.taeller} af {snapshot.naevner} forløb"

    def for_faa(self, snapshot, *, bruger):
        """A jobcentre's share of few forløb is not shown outside the jobcentre (MINDSTE_ANTAL):
        it would tell whether its few citizens became self-supporting."""
        n = snapshot.naevner or 0
        return not kan_se_aggregat(bruger, n=n, enheder={snapshot.jobcenter_id: n}, ansvarlig=False)

    def hvem_taeller(self, maal):
        return (
            f"Andelen af afsluttede forløb i {eller(maal.forloebstyper)} for borgere på "
            f"{eller(maal.ydelser)} i {eller(maal.maalgrupper)} ved forløbets slut, hvor "
            f"borgeren {maal.uger_efter} uger efter ikke modtager "
            f"{eller(maal.offentlige_ydelser)}, med opfølgningsdage i de seneste "
            f"{maal.vindue_maaneder} måneder."
        )

    def bag_kolonne(self, maal):
        return f"Selvforsørgende {maal.uger_efter} uger efter"

    def bag_vaerdi(self, forloeb):
        return "Nej" if forloeb.paa_ydelse else "Ja"
