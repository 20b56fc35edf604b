"""The collaboration survey: copying templates, rounds, responses, reminders and the analysis
that turns a round's answers into its indsatskort (analysis.py does the numbers)."""

import dataclasses
import datetime

import pandas as pd
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from jobcenter.models import Bruger, Jobcenter, Rolle
from jobcenter.services import laast_beregning

from .. import analysis, diagram
from ..access import kan_besvare, kan_sende_runde_ud, kan_styre
from ..models import (
    Analyse,
    Besvarelse,
    Diagram,
    Faktortype,
    Runde,
    Spoergeskema,
    Spoergsmaal,
    Spoergsmaalstype,
    Svar,
)
from ..models.undersoegelse import forkort
from .kob import kraev
from .kommunikation import emnelinje

# Reminders go out this many days before the deadline to jobcentres that have not answered.
PAAMINDELSE_DAGE = (7, 1)


@transaction.atomic
def kopier_skema(*, skema: Spoergeskema, jobcenter: Jobcenter) -> Spoergeskema:
    """An editable copy of a template (or of any questionnaire), owned by `jobcenter`."""
    navn, nummer = f"Kopi af {skema.navn}", 2
    while Spoergeskema.objects.filter(navn=navn).exists():
        navn, nummer = f"Kopi {nummer} af {skema.navn}", nummer + 1
    kopi = Spoergeskema.objects.create(
        navn=navn, beskrivelse=skema.beskrivelse, jobcenter=jobcenter
    )
    for sektion in skema.sektioner.prefetch_related("spoergsmaal"):
        spoergsmaal = list(sektion.spoergsmaal.all())
        sektion.pk, sektion.skema = None, kopi
        sektion.save()
        for s in spoergsmaal:
            s.pk, s.sektion = None, sektion
            s.save()
    return kopi


def spoergsmaal(runde: Runde) -> list[Spoergsmaal]:
    return list(Spoergsmaal.objects.filter(sektion__skema=runde.skema).select_related("sektion"))


def svarvaerdi(s: Spoergsmaal, raa) -> object | None:
    """A submitted or imported answer, normalised; None is no answer; a bad one raises."""
    if raa is None or raa == "" or raa == []:
        return None
    if s.type in (Spoergsmaalstype.SKALA, Spoergsmaalstype.TILFREDSHED):
        try:
            tal = int(str(raa).strip())
        except ValueError:
            tal = 0
        kraev(1 <= tal <= 5, f"{s.kode}: »{raa}« er ikke et tal fra 1 til 5.")
        return tal
    if s.type == Spoergsmaalstype.ENKELTVALG:
        kraev(raa in s.valg, f"{s.kode}: »{raa}« er ikke en af svarmulighederne.")
        return raa
    if s.type == Spoergsmaalstype.FLERVALG:
        valgt = raa if isinstance(raa, list) else [v.strip() for v in str(raa).split("|")]
        ukendte = [v for v in valgt if v not in s.valg]
        kraev(not ukendte, f"{s.kode}: »{', '.join(ukendte)}« er ikke blandt svarmulighederne.")
        return valgt
    return str(raa)


@transaction.atomic
def gem_besvarelse(*, bruger: Bruger, runde: Runde, svar: dict, afsend: bool) -> Besvarelse:
    """Save what is filled in (a partial answer is kept); `afsend` marks the response sent."""
    kraev(kan_besvare(bruger, runde), "Kun en leder i et jobcenter i runden kan besvare den.")
    kraev(runde.lukket is None, "Runden er lukket.")
    besvarelse, _ = Besvarelse.objects.get_or_create(runde=runde, jobcenter_id=bruger.jobcenter_id)
    erstat_svar(besvarelse, {s: svarvaerdi(s, svar.get(s.kode)) for s in spoergsmaal(runde)})
    besvarelse.besvaret_af = bruger
    if afsend:
        besvarelse.afsendt = timezone.now()
    besvarelse.save()
    return besvarelse


def erstat_svar(besvarelse: Besvarelse, vaerdier: dict[Spoergsmaal, object]) -> None:
    """The response's answers become `vaerdier`; an item without a value is not answered."""
    besvarelse.svar.all().delete()
    Svar.objects.bulk_create(
        Svar(besvarelse=besvarelse, spoergsmaal=s, vaerdi=v)
        for s, v in vaerdier.items()
        if v is not None
    )


def svarprocent(runde: Runde) -> tuple[int, int]:
    """(sent responses, jobcentres in the round)."""
    return (
        runde.besvarelser.filter(afsendt__isnull=False).count(),
        runde.jobcentre.count(),
    )


@transaction.atomic
def opret_runde(
    *,
    bruger: Bruger,
    runde: Runde,
    jobcentre: list[Jobcenter],
) -> Runde:
    kraev(kan_sende_runde_ud(bruger), "Kun administratorer sender en undersøgelse ud.")
    kraev(bool(jobcentre), "Vælg mindst ét jobcenter, et netværk eller en region.")
    runde.oprettet_af = bruger
    runde.save()
    runde.jobcentre.set(jobcentre)
    return runde


def synlige_besvarelser(bruger: Bruger, runde: Runde):
    """The responses of a round the user may open: their own jobcentre's, and every one for the
    round's administrators (access.kan_styre). One response is a group of one, so this is
    `access.kan_se_gruppe` for a single jobcentre: an administrator of another jobcentre in the
    round may not read it either."""
    if not bruger.er_i_jobcenter:
        return runde.besvarelser.none()
    if kan_styre(bruger, runde):
        return runde.besvarelser.all()
    return runde.besvarelser.filter(jobcenter_id=bruger.jobcenter_id)


def luk_runde(*, bruger: Bruger, runde: Runde) -> Runde:
    kraev(
        kan_styre(bruger, runde),
        "Kun administratorer i jobcentret, der sendte runden ud, lukker den.",
    )
    kraev(runde.lukket is None, "Runden er allerede lukket.")
    runde.lukket = timezone.now()
    runde.save(update_fields=["lukket"])
    return runde


def send_paamindelser(*, dato: datetime.date) -> int:
    """Once a day: e-mail the leaders of jobcentres that have not sent their response, a week
    and a day before the deadline. A rerun the same day sends nothing more."""
    sendt = 0
    frister = [dato + datetime.timedelta(days=d) for d in PAAMINDELSE_DAGE]
    for runde in Runde.objects.filter(lukket__isnull=True, frist__in=frister):
        with laast_beregning(navn=paamindelse_noegle(runde), dato=dato) as beregning:
            if beregning.afsluttet is not None:
                continue
            mangler = runde.jobcentre.exclude(
                pk__in=runde.besvarelser.filter(afsendt__isnull=False).values("jobcenter")
            )
            modtagere = list(
                Bruger.objects.filter(jobcenter__in=mangler, rolle=Rolle.LEDER, is_active=True)
                .exclude(email="")
                .values_list("email", flat=True)
            )
            if modtagere:
                send_mail(
                    emnelinje(f"Påmindelse: {runde.navn} – svarfrist {runde.frist:%d-%m-%Y}"),
                    render_to_string(
                        "kursuskob/paamindelse.txt", {"runde": runde, "site_url": settings.SITE_URL}
                    ),
                    None,
                    modtagere,
                )
                sendt += len(modtagere)
    return sendt


def dataramme(runde: Runde) -> pd.DataFrame:
    """One row per sent (or imported) response, one column per question code."""
    raekker: dict[int, dict] = {}
    for besvarelse_id, jobcenter_id, jobcenter, kode, vaerdi in Svar.objects.filter(
        besvarelse__runde=runde, besvarelse__afsendt__isnull=False
    ).values_list(
        "besvarelse_id",
        "besvarelse__jobcenter_id",
        "besvarelse__jobcenter__navn",
        "spoergsmaal__kode",
        "vaerdi",
    ):
        raekke = raekker.setdefault(
            besvarelse_id, {"jobcenter_id": jobcenter_id, "jobcenter": jobcenter}
        )
        raekke[kode] = vaerdi
    return pd.DataFrame(list(raekker.values()))


def _kort(data: pd.DataFrame, alle: list[Spoergsmaal], metode: str) -> dict:
    kort = {}
    korte = {s.kode: s.kort for s in alle}
    for faktortype in Faktortype.values:
        faktorer = {s.kode: s.tekst for s in alle if s.faktor == faktortype}
        if faktorer:
            resultat = analysis.indsatskort(
                data, faktorer=faktorer, type=faktortype, metode=metode, korte=korte
            )
            kort[faktortype] = dataclasses.asdict(resultat) | {
                "tegnes": resultat.tegnes,
                "faktorer": [
                    dataclasses.asdict(f) | {"usikker": f.usikker} for f in resultat.faktorer
                ],
            }
    return kort


def beregn_analyse(*, runde: Runde, metode: str = analysis.MULTIPEL) -> Analyse:
    """The round's indsatskort for all responses and per collaboration model, and the
    descriptive tables; replaces the round's earlier result for the method, and its pictures
    with new ones, drawn here once (and the next round's, whose arrows start here)."""
    alle = spoergsmaal(runde)
    data = dataramme(runde)
    if analysis.TILFREDSHED not in data:
        data[analysis.TILFREDSHED] = pd.Series(dtype=float)
    if "jobcenter_id" not in data:
        data["jobcenter_id"] = pd.Series(dtype=int)

    def gruppe(navn: str, del_: pd.DataFrame) -> dict:
        # Whose answers the group holds: access.kan_se_gruppe shows a small group to that one
        # jobcentre.
        jobcentre = sorted(int(j) for j in del_["jobcenter_id"].unique())
        return {
            "navn": navn,
            "n": len(del_),
            "jobcentre": jobcentre,
            "kort": _kort(del_, alle, metode),
        }

    grupper = [gruppe("Alle", data)]
    model = next((s for s in alle if s.kode == "model"), None)
    if model is not None and "model" in data:
        for valg in model.valg:
            del_ = data[data["model"] == valg]
            if len(del_):
                grupper.append(gruppe(valg, del_))
    valgspoergsmaal = {
        s.kode: s.valg
        for s in alle
        if s.type in (Spoergsmaalstype.ENKELTVALG, Spoergsmaalstype.FLERVALG)
    } | {
        s.kode: ["1", "2", "3", "4", "5"]
        for s in alle
        if s.type in (Spoergsmaalstype.SKALA, Spoergsmaalstype.TILFREDSHED)
    }
    for kode in valgspoergsmaal:
        if kode not in data:
            data[kode] = pd.Series(dtype=object)
    fordelinger = analysis.fordelinger(
        data,
        spoergsmaal=valgspoergsmaal,
        efter="model" if model is not None and "model" in data else None,
    )
    resultat = {
        "metode": metode,
        "n": len(data),
        "grupper": grupper,
        "fordelinger": [dataclasses.asdict(f) for f in fordelinger],
        "tekster": {s.kode: s.tekst for s in alle},
        "korte": {s.kode: s.kort for s in alle},
    }
    # Drawn before the transaction, so the result and its pictures are replaced together.
    diagrammer = tegn_diagrammer(runde=runde, metode=metode, resultat=resultat)
    with transaction.atomic():
        analyse, _ = Analyse.objects.update_or_create(
            runde=runde, metode=metode, defaults={"resultat": resultat, "beregnet": timezone.now()}
        )
        gem_diagrammer(analyse, diagrammer)
    if (naeste := naeste_analyse(runde, metode)) is not None:
        gem_diagrammer(
            naeste, tegn_diagrammer(runde=naeste.runde, metode=metode, resultat=naeste.resultat)
        )
    return analyse


def indsatskort_noegle(runde: Runde) -> str:
    """The fill-state key of a round's indsatskort: the service locks it, the round's page
    reads it."""
    return f"indsatskort:{runde.pk}"


def beregn_indsatskort(*, runde: Runde, dato: datetime.date | None = None) -> list[Analyse]:
    """Both methods for a round, under the round's lock: a run by hand waits for the job (and
    the other way round) instead of the two replacing each other's pictures halfway."""
    with laast_beregning(navn=indsatskort_noegle(runde), dato=dato or timezone.localdate()):
        return [
            beregn_analyse(runde=runde, metode=metode)
            for metode in (analysis.MULTIPEL, analysis.BIVARIAT)
        ]


def paamindelse_noegle(runde: Runde) -> str:
    """The fill-state key of a day's reminders for a round, which makes them go out once."""
    return f"paamindelse:{runde.pk}"


def _runder_i_serie(runde: Runde, runder=None):
    """The rounds a round is compared with: the same network's, or without a network the same
    questionnaire's; `runder` narrows them (to a user's visible ones)."""
    runder = Runde.objects.all() if runder is None else runder
    if runde.netvaerk_id:
        return runder.filter(netvaerk_id=runde.netvaerk_id)
    return runder.filter(skema_id=runde.skema_id, netvaerk__isnull=True)


def forrige_analyse(runde: Runde, metode: str, runder=None) -> Analyse | None:
    """The previous computed round's analysis for the method: where the arrows start."""
    forrige = (
        _runder_i_serie(runde, runder)
        .filter(oprettet__lt=runde.oprettet, analyser__metode=metode)
        .order_by("-oprettet")
        .first()
    )
    return None if forrige is None else forrige.analyser.get(metode=metode)


def naeste_analyse(runde: Runde, metode: str) -> Analyse | None:
    """The next computed round's analysis for the method: its arrows start at this round."""
    naeste = (
        _runder_i_serie(runde)
        .filter(oprettet__gt=runde.oprettet, analyser__metode=metode)
        .order_by("oprettet")
        .first()
    )
    return None if naeste is None else naeste.analyser.get(metode=metode)


def til_visning(kort: dict, korte: dict[str, str]) -> dict:
    """A computed chart as the page and the picture show it: each item with its short name
    and whether its interval includes 0 (a result computed before either existed gets them
    here)."""
    return kort | {
        "faktorer": [
            f
            | {
                "kort": (f.get("kort") if f.get("kort") != f["kode"] else None)
                or korte.get(f["kode"])
                or forkort(f["tekst"]),
                "usikker": analysis.usikker(f["ci_lav"], f["ci_hoej"]),
            }
            for f in kort["faktorer"]
        ]
    }


def diagramtitel(runde: Runde, gruppe: str, type_: str) -> str:
    return (
        f"{'Barrierer' if type_ == Faktortype.BARRIERE else 'Drivkræfter'}: {runde.navn} ({gruppe})"
    )


def tegn_diagram(
    runde: Runde, gruppe: dict, type_: str, korte: dict, forrige: tuple[dict, dict] | None
) -> tuple[str, bytes]:
    """One chart as (SVG, PNG); `forrige`: the previous round's group and its short names,
    for the arrows."""
    fra = None
    if forrige is not None and type_ in forrige[0]["kort"]:
        fra = til_visning(forrige[0]["kort"][type_], forrige[1])
    figur = diagram.tegn(
        til_visning(gruppe["kort"][type_], korte),
        titel=diagramtitel(runde, gruppe["navn"], type_),
        forrige=fra,
    )
    return diagram.som_fil(figur, "svg").decode(), diagram.som_fil(figur, "png")


def tegn_diagrammer(*, runde: Runde, metode: str, resultat: dict) -> list[Diagram]:
    """Every chart of a result, unsaved: for each group and kind without arrows, and with
    arrows from the previous round's group of the same name when there is one. A user who may
    not see that group, or sees another previous round, gets the picture without arrows or one
    drawn for them (views.undersoegelse.indsatskort_diagram)."""
    forrige = forrige_analyse(runde, metode)
    korte = resultat.get("korte", {})
    diagrammer = []
    for nummer, gruppe in enumerate(resultat["grupper"]):
        fra = None
        if forrige is not None:
            fra = next(
                (g for g in forrige.resultat["grupper"] if g["navn"] == gruppe["navn"]), None
            )
        for type_ in gruppe["kort"]:
            varianter = [None] if fra is None or type_ not in fra["kort"] else [None, forrige]
            for kilde in varianter:
                svg, png = tegn_diagram(
                    runde,
                    gruppe,
                    type_,
                    korte,
                    None if kilde is None else (fra, kilde.resultat.get("korte", {})),
                )
                diagrammer.append(
                    Diagram(
                        gruppe=nummer,
                        type=type_,
                        forrige=kilde,
                        forrige_beregnet=None if kilde is None else kilde.beregnet,
                        svg=svg,
                        png=png,
                    )
                )
    return diagrammer


@transaction.atomic
def gem_diagrammer(analyse: Analyse, diagrammer: list[Diagram]) -> None:
    """The analysis' pictures become `diagrammer`."""
    analyse.diagrammer.all().delete()
    for d in diagrammer:
        d.analyse = analyse
    Diagram.objects.bulk_create(diagrammer)


def gemt_diagram(
    analyse: Analyse, *, gruppe: int, type_: str, format_: str, forrige: Analyse | None
) -> bytes | None:
    """The stored picture for a group and kind with arrows from `forrige` (None: without), if
    it is still the one for that analysis as computed now; None when it must be drawn."""
    rad = (
        Diagram.objects.filter(analyse=analyse, gruppe=gruppe, type=type_, forrige=forrige)
        .values_list(format_, "forrige_beregnet")
        .first()
    )
    if rad is None or (forrige is not None and rad[1] != forrige.beregnet):
        return None
    return rad[0].encode() if format_ == "svg" else bytes(rad[0])
