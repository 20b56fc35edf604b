"""Who may do what in `kursuskob`: the app's access predicates, each `(bruger) -> bool` or
`(bruger, obj) -> bool`. Views, services and templates ask these; none decides access itself."""

import datetime

from django.db.models import Q
from django.utils import timezone

from jobcenter.access import er_drift, kan_se_aggregat

from .models import Fase, Kursuskob, Kursusnoegletal, Netvaerk, Runde, Spoergeskema

# The purchase (domain/kursuskob.md §2).


def er_tovholder(bruger, kob: Kursuskob) -> bool:
    """The tovholder, and the leaders of the primary jobcentre, run the purchase: its
    fordelingsnøgle, its class and agreement, its phases, the booking and the kick-off."""
    return bruger.pk == kob.tovholder_id or (
        bruger.er_leder and bruger.jobcenter_id == kob.primaert_jobcenter_id
    )


def kan_forpligte(bruger, kob: Kursuskob) -> bool:
    """Committing, releasing or buying places costs the jobcentre money: its leaders may, and
    the tovholder for the primary jobcentre."""
    return bruger.er_i_jobcenter and (
        bruger.er_leder
        or (bruger.pk == kob.tovholder_id and bruger.jobcenter_id == kob.primaert_jobcenter_id)
    )


def kan_koebe(bruger, kob: Kursuskob) -> bool:
    """A jobcentre in the purchase, or a member of its network, may buy its free places."""
    jc = bruger.jobcenter_id
    return bool(
        kob.tildelinger.filter(jobcenter_id=jc).exists()
        or (kob.netvaerk_id and kob.netvaerk.har_medlem(jc))
    )


def henvisning_afvises(bruger, kob: Kursuskob, *, idag: datetime.date | None = None) -> str:
    """Why the user's jobcentre cannot refer citizens to the purchase now, in Danish; "" when it
    can: in phase 4 (visitation), until the class's registration deadline, and only a jobcentre
    with places on the class (S10, S29). The one referral rule: `kan_henvise` asks it, and the
    service `henvis` shows its answer."""
    if not bruger.er_i_jobcenter:
        return "Kun medarbejdere i et jobcenter kan henvise borgere."
    if kob.fase != Fase.VISITATION:
        return f"Henvisning kan kun ske i fase {Fase.VISITATION}; kursuskøbet er i fase {kob.fase}."
    frist = kob.hold.tilmeldingsfrist
    if frist is not None and (idag or timezone.localdate()) > frist:
        return f"Tilmeldingsfristen var {frist:%d-%m-%Y}; der kan ikke længere henvises."
    if not kob.tildelinger.filter(jobcenter_id=bruger.jobcenter_id).exists():
        return "Jeres jobcenter har ingen pladser på holdet. Køb en ledig plads, før I henviser."
    return ""


def kan_henvise(bruger, kob: Kursuskob, *, idag: datetime.date | None = None) -> bool:
    """May the user's jobcentre refer its citizens to the purchase now (`henvisning_afvises`)?"""
    return not henvisning_afvises(bruger, kob, idag=idag)


def kob_til_henvisning(jobcenter_id: int, *, idag: datetime.date | None = None):
    """The purchases a jobcentre can refer its citizens to now: `kan_henvise` over many rows,
    for the list a citizen's page offers."""
    idag = idag or timezone.localdate()
    return Kursuskob.objects.filter(
        Q(hold__tilmeldingsfrist__isnull=True) | Q(hold__tilmeldingsfrist__gte=idag),
        fase=Fase.VISITATION,
        tildelinger__jobcenter_id=jobcenter_id,
    )


def kan_henvise_borger(bruger, borger) -> bool:
    """A jobcentre refers only its own citizens."""
    return bruger.er_i_jobcenter and borger.jobcenter_id == bruger.jobcenter_id


def kan_oprette_kursuskob(bruger) -> bool:
    """Anyone in a jobcentre starts a purchase; their jobcentre becomes the primary one."""
    return bruger.er_i_jobcenter


# The course dashboard.


def kan_se_udfald(bruger, raekke: Kursusnoegletal) -> bool:
    """The participants' outcome is computed from citizens, so below MINDSTE_ANTAL of them it
    is shown only to the jobcentre whose citizens they all are (issue 13). The places and fill
    rates beside it are the purchase's bookkeeping, which every participant needs."""
    udfald = raekke.tal["udfald"]
    if raekke.jobcenter_id:
        enheder = {raekke.jobcenter_id: udfald["deltagere"]}
    else:
        # A row computed before the counts per jobcentre were kept (a list) counts as unknown.
        gemt = udfald.get("jobcentre")
        enheder = {int(j): n for j, n in gemt.items()} if isinstance(gemt, dict) else None
    return kan_se_aggregat(bruger, n=udfald["deltagere"], enheder=enheder, ansvarlig=False)


def kan_beregne_kursusnoegletal(bruger) -> bool:
    """A leader (or administrator) starts the course dashboard's computation now instead of
    waiting for the night."""
    return bruger.er_leder


# Networks.


def kan_oprette_netvaerk(bruger) -> bool:
    """A leader (or administrator) creates a network, with their jobcentre as its first member."""
    return bruger.er_leder


def kan_rette_netvaerk(bruger, netvaerk: Netvaerk) -> bool:
    """A leader of a member jobcentre changes the network and adds members; every member
    jobcentre's staff see its meetings and add one."""
    return bruger.er_leder and netvaerk.har_medlem(bruger.jobcenter_id)


# The collaboration survey (domain/kursuskob.md §4).


def kan_kopiere_skema(bruger) -> bool:
    """The jobcentre's administrators copy a questionnaire to make their own version of it."""
    return bruger.er_administrator


def kan_rette_skema(bruger, skema: Spoergeskema) -> bool:
    """The owning jobcentre's administrators edit its copy; the shipped template stays as it
    is, and a questionnaire in use by a round is frozen."""
    return (
        bruger.er_administrator
        and skema.jobcenter_id == bruger.jobcenter_id
        and not skema.skabelon
        and not skema.runder.exists()
    )


def kan_sende_runde_ud(bruger) -> bool:
    """The jobcentre's administrators send a survey round out."""
    return bruger.er_administrator


def kan_styre(bruger, runde: Runde) -> bool:
    """The administrators of the jobcentre that sent the round out close and recompute it, and
    follow who has answered."""
    return bool(
        bruger.er_administrator
        and runde.oprettet_af is not None
        and runde.oprettet_af.jobcenter_id == bruger.jobcenter_id
    )


def kan_besvare(bruger, runde: Runde) -> bool:
    """A leader answers for their jobcentre, when it is in the round."""
    return bruger.er_leder and runde.jobcentre.filter(pk=bruger.jobcenter_id).exists()


def kan_se_gruppe(bruger, runde: Runde, gruppe: dict, *, n: int | None = None) -> bool:
    """May the user see a computed group's results (its indsatskort, tables, downloads and
    charts)? `n`: the answers behind one of its tables, when fewer than the group's. Below
    MINDSTE_ANTAL only the jobcentre that alone answered and the round's administrators may;
    a result computed before the groups knew their jobcentres has None and so shows its small
    groups to the administrators only."""
    jobcentre = gruppe.get("jobcentre")
    return kan_se_aggregat(
        bruger,
        n=gruppe["n"] if n is None else n,
        # One response per jobcentre.
        enheder=None if jobcentre is None else dict.fromkeys(jobcentre, 1),
        ansvarlig=kan_styre(bruger, runde),
    )


def kan_lave_indsats(bruger, runde: Runde) -> bool:
    """A leader in the round's network puts an item of the indsatsområde on the network's plan."""
    return bool(
        runde.netvaerk_id and bruger.er_leder and runde.netvaerk.har_medlem(bruger.jobcenter_id)
    )


def kan_importere_svar(bruger) -> bool:
    """Survey responses made elsewhere: a jobcentre's administrators (their own jobcentre's
    response) and the operators (any jobcentre in the round)."""
    return er_drift(bruger) or (bruger.is_authenticated and bruger.er_administrator)
