"""»Hvad virker«: outcomes per effort, read from the rows the nightly job writes (never a
citizen), and the leader's tile of the best efforts."""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format

from jobcenter.access import kan_se_aggregat, kraev, kraev_rolle
from jobcenter.models import Beregning, Jobcenter
from jobcenter.paneler import Tavle

from .. import access, tasks
from ..models import (
    Art,
    Del,
    Gruppeart,
    Indikator,
    Indsatsudfald,
    Instrument,
    Screeningskategori,
)
from ..services.udfald import UDFALD, bedste, graense, seneste_dato, udfaldsraekker

# A table shows at most this many groups (companies are thousands nationally).
HOEJST = 50
NBSP = "\u00a0"


def procent(x: float) -> str:
    return f"{number_format(round(x * 100), 0)}{NBSP}%"


def decimal(x: float, fortegn: bool = False) -> str:
    tekst = number_format(round(x, 2), 2)
    return f"+{tekst}" if fortegn and x >= 0 else tekst.replace("-", "−")


@dataclass(frozen=True)
class Celle:
    """One figure with its interval and n; `vaerdi` None: too few to show (`n` still told
    where the viewer may know it)."""

    vaerdi: str | None
    interval: str
    n: int | None
    sortering: float | None


FOR_FAA = Celle(vaerdi=None, interval="", n=None, sortering=None)


@dataclass
class Linje:
    navn: str
    antal: int | None = None
    egen: Celle | None = None
    landet: Celle | None = None
    egen_prog: dict = field(default_factory=dict)
    landet_prog: dict = field(default_factory=dict)
    # Per indicator of the table, in its order: (own, national).
    prog: list = field(default_factory=list)


def maa_se(request: HttpRequest, raekke: Indsatsudfald, n: int, enheder: dict | None) -> bool:
    """A jobcentre's own row may be read by its own people; every other figure only as
    `kan_se_aggregat` allows (so a jobcentre cannot subtract its own units from the
    national figure and read another's)."""
    egen = request.user.er_i_jobcenter and raekke.jobcenter_id == request.user.jobcenter_id
    if egen:
        return True
    if raekke.jobcenter_id is None:
        pr_jobcenter = {int(k): v for k, v in (enheder or {}).items()}
    else:
        pr_jobcenter = {raekke.jobcenter_id: n}
    return kan_se_aggregat(request.user, n=n, enheder=pr_jobcenter, ansvarlig=False)


def andelscelle(request, raekke: Indsatsudfald) -> Celle:
    # A count is a figure too: beside »for få« it is told only where the figure could be
    # (another jobcentre's few forløb at a company are its n less the viewer's own).
    if not maa_se(request, raekke, raekke.n, raekke.enheder):
        return FOR_FAA
    if raekke.andel is None:
        return Celle(vaerdi=None, interval="", n=raekke.n, sortering=None)
    return Celle(
        vaerdi=procent(raekke.andel),
        interval=f"{procent(raekke.nedre)}–{procent(raekke.oevre)}",
        n=raekke.n,
        sortering=raekke.andel,
    )


def antal(request, raekke: Indsatsudfald) -> int | None:
    """The group's forløb (or enrolments), where the viewer may know the count."""
    return raekke.antal if maa_se(request, raekke, raekke.antal, raekke.enheder) else None


def progressionsceller(request, raekke: Indsatsudfald) -> dict[str, Celle]:
    celler = {}
    for post in raekke.progression:
        if not maa_se(request, raekke, post["n"], post.get("enheder")):
            celler[post["indikator"]] = FOR_FAA
            continue
        if post["middel"] is None:
            celler[post["indikator"]] = Celle(vaerdi=None, interval="", n=post["n"], sortering=None)
            continue
        celler[post["indikator"]] = Celle(
            vaerdi=decimal(post["middel"], fortegn=True),
            interval=f"{decimal(post['nedre'])} til {decimal(post['oevre'])}",
            n=post["n"],
            sortering=post["middel"],
        )
    return celler


@dataclass(frozen=True)
class Synlige:
    """What a jobcentre's staff may see named in the country's rows: the screening categories
    and progression indicators of their own instruments and the national templates. The country
    is computed over every jobcentre's measurements, but another jobcentre's own instrument is
    not found for them, nor are its categories' and indicators' names."""

    kategorier: frozenset[int]
    # Indicator key (»instrument code/indicator code«) → the name the user knows it by.
    indikatorer: dict[str, str]


def synlige(bruger) -> Synlige | None:
    """None: the analytiker, who sees every jobcentre's figures."""
    if not bruger.er_i_jobcenter:
        return None
    instrumenter = Instrument.objects.synlige_for(bruger)
    navne = {}
    # The templates first, so the jobcentre's own copy names a shared key.
    for kode, ikode, navn in (
        Indikator.objects.filter(instrument__in=instrumenter, instrument__art=Art.PROGRESSION)
        .order_by(F("instrument__jobcenter_id").asc(nulls_first=True), "instrument__version")
        .values_list("instrument__kode", "kode", "navn")
    ):
        navne[f"{kode}/{ikode}"] = navn
    kategorier = Screeningskategori.objects.filter(instrument__in=instrumenter)
    return Synlige(kategorier=frozenset(kategorier.values_list("pk", flat=True)), indikatorer=navne)


def kun_synlige(raekker, synlig: Synlige | None) -> list[Indsatsudfald]:
    """The rows and progression figures the user may see named (see `Synlige`)."""
    if synlig is None:
        return list(raekker)
    resultat = []
    for r in raekker:
        if r.gruppeart == Gruppeart.KATEGORI and r.gruppe_id not in synlig.kategorier:
            continue
        r.progression = [
            {**post, "navn": synlig.indikatorer[post["indikator"]]}
            for post in r.progression
            if post["indikator"] in synlig.indikatorer
        ]
        resultat.append(r)
    return resultat


def tabeller(request, raekker, *, jobcenter_id, sorter: str) -> list[dict]:
    """A table per kind of group: each group's own and national figures side by side."""
    arter = {art: {} for art in Gruppeart.values}
    indikatorer = {art: {} for art in Gruppeart.values}
    for r in kun_synlige(raekker, synlige(request.user)):
        linje = arter[r.gruppeart].setdefault(r.gruppe_id, Linje(navn=r.gruppe_navn))
        for post in r.progression:
            indikatorer[r.gruppeart].setdefault(post["indikator"], post)
        if r.jobcenter_id is None:
            linje.landet = andelscelle(request, r)
            linje.landet_prog = progressionsceller(request, r)
            if jobcenter_id is None:
                linje.antal = antal(request, r)
        else:
            linje.navn = r.gruppe_navn
            linje.egen = andelscelle(request, r)
            linje.egen_prog = progressionsceller(request, r)
            linje.antal = antal(request, r)
    resultat = []
    for art, navn in Gruppeart.choices:
        linjer = list(arter[art].values())
        if sorter == "andel":
            hvilken = "egen" if jobcenter_id is not None else "landet"

            def noegle(linje, hvilken=hvilken):
                celle = getattr(linje, hvilken)
                vaerdi = celle.sortering if celle else None
                return (vaerdi is None, -(vaerdi or 0), linje.navn)

            linjer.sort(key=noegle)
        else:
            linjer.sort(key=lambda linje: linje.navn)
        koder = sorted(indikatorer[art], key=lambda k: indikatororden(k, indikatorer[art][k]))
        for linje in linjer[:HOEJST]:
            linje.prog = [(linje.egen_prog.get(k), linje.landet_prog.get(k)) for k in koder]
        resultat.append(
            {
                "art": art,
                "navn": navn,
                "linjer": linjer[:HOEJST],
                "i_alt": len(linjer),
                "indikatorer": kolonnenavne(koder, indikatorer[art]),
            }
        )
    return resultat


DELENES_ORDEN = {Del.BORGER: 0, Del.KONSULENT: 1}
DELENES_NAVN = {Del.BORGER: "borgerens svar", Del.KONSULENT: "konsulentens vurdering"}


def indikatororden(kode: str, post: dict) -> tuple:
    """The instrument's own order: the citizen's part, then the consultant's, each as asked
    (rows computed before the part and place were stored fall back to the key)."""
    return (
        post.get("del") is None,
        DELENES_ORDEN.get(post.get("del"), 2),
        post.get("raekkefoelge") or 0,
        kode,
    )


def kolonnenavne(koder: list[str], indikatorer: dict[str, dict]) -> list[dict]:
    """A column per indicator; a name that two indicators share (»Motivation« asked of the
    citizen and judged by the consultant) is told apart by its part."""
    antal_med_navn = Counter(indikatorer[k]["navn"] for k in koder)
    kolonner = []
    for k in koder:
        post = indikatorer[k]
        navn = post["navn"]
        if antal_med_navn[navn] > 1 and post.get("del") in DELENES_NAVN:
            navn = f"{navn} ({DELENES_NAVN[post['del']]})"
        kolonner.append({"kode": k, "navn": navn, "hoejere_er_bedre": post["hoejere_er_bedre"]})
    return kolonner


def valgt_jobcenter(request: HttpRequest) -> Jobcenter | None:
    """Leaders and administrators see their own jobcentre; the analytiker chooses one, or the
    country."""
    if request.user.er_i_jobcenter:
        return request.user.jobcenter
    nummer = request.GET.get("jobcenter", "")[:4]
    return Jobcenter.objects.filter(kommunenummer=nummer).first() if nummer.isdigit() else None


@kraev(access.kan_se_udfald)
def udfald(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        kraev_rolle(access.kan_beregne_udfald(request.user))
        tasks.beregn_udfald.delay_on_commit(timezone.localdate().isoformat())
        messages.info(request, "Beregningen er startet; siden viser den, til den er færdig.")
        return redirect("virkning:udfald")
    jobcenter = valgt_jobcenter(request)
    dato = seneste_dato()
    sorter = "andel" if request.GET.get("sorter") == "andel" else "navn"
    jobcenter_id = jobcenter.pk if jobcenter else None
    raekker = []
    if dato is not None:
        raekker = udfaldsraekker(dato=dato, jobcenter_ids=[jobcenter_id, None])
    beregnet = max((r.beregnet for r in raekker), default=None)
    context = {
        "jobcenter": jobcenter,
        "jobcentre": None if request.user.er_i_jobcenter else Jobcenter.objects.order_by("navn"),
        "dato": dato,
        "beregnet": beregnet,
        "tabeller": tabeller(request, raekker, jobcenter_id=jobcenter_id, sorter=sorter)
        if raekker
        else [],
        "sorter": sorter,
        "graense": graense(),
        "uger": settings.UDFALD_UGER,
        "beregning": Beregning.objects.filter(navn=UDFALD).order_by("-startet").first(),
    }
    return render(request, "virkning/udfald.html", context)


def ledertavler(request: HttpRequest) -> list[Tavle]:
    """»Bedste indsatser«: the jobcentre's three groups with the highest share self-supporting
    among those with enough forløb to show."""
    if not access.kan_se_udfald(request.user) or not request.user.er_i_jobcenter:
        return []
    top = bedste(jobcenter_id=request.user.jobcenter_id)
    if not top:
        return []
    return [
        Tavle(
            titel="Bedste indsatser",
            tal=f"{procent(top[0].andel)}",
            tekst=f"selvforsørgende {settings.UDFALD_UGER} uger efter: "
            + "; ".join(
                f"{r.gruppe_navn} ({r.get_gruppeart_display().lower()}) {procent(r.andel)} "
                f"(n = {r.n})"
                for r in top
            ),
            url=reverse("virkning:udfald") + "?sorter=andel",
        )
    ]
