"""Phase 4 and 5 for the citizens: each jobcentre refers its own citizens to its places (with
overbooking and a waiting list, S10, S29), the tovholder books them at the school without seeing
who they are, and each jobcentre follows up on its own participants."""

import datetime

from django.db import transaction

from borgere.models import Borger, Handling
from borgere.services import registrer_adgang
from jobcenter.models import Bruger

from ..access import er_tovholder, henvisning_afvises, kan_henvise_borger
from ..models import Fase, Kursuskob, Status, Tilmelding, Udfald
from .kob import kraev, kraev_fase, laas, pladsregnskab


@transaction.atomic
def henvis(
    *,
    bruger: Bruger,
    kob: Kursuskob,
    borger: Borger,
    idag: datetime.date,
    arbejdsgivererklaering: bool = False,
    note: str = "",
) -> Tilmelding:
    """Refer an own citizen. Within the jobcentre's own places plus the purchase's overbooking
    the referral holds a place; beyond that the citizen goes on the waiting list."""
    kob = laas(kob)
    kraev(kan_henvise_borger(bruger, borger), "Et jobcenter kan kun henvise sine egne borgere.")
    afvist = henvisning_afvises(bruger, kob, idag=idag)
    kraev(not afvist, afvist)
    kraev(
        not kob.tilmeldinger.filter(borger=borger).exists(),
        "Borgeren er allerede henvist til holdet.",
    )
    linje = pladsregnskab(kob).linje(bruger.jobcenter_id)
    plads = linje.henviste < linje.egne + kob.overbookning
    tilmelding = Tilmelding.objects.create(
        kursuskob=kob,
        borger=borger,
        jobcenter_id=borger.jobcenter_id,
        status=Status.HENVIST if plads else Status.VENTELISTE,
        henvist_af=bruger,
        arbejdsgivererklaering=arbejdsgivererklaering,
        note=note,
    )
    registrer_adgang(bruger=bruger, borger=borger, handling=Handling.KURSUS)
    return tilmelding


@transaction.atomic
def book_henviste(*, bruger: Bruger, kob: Kursuskob) -> int:
    """The tovholder books the referred citizens at the school: for each jobcentre, as many as
    it has own places, in the order they were referred; the rest stay reserves."""
    kob = laas(kob)
    kraev(er_tovholder(bruger, kob), "Kun tovholderen booker pladser hos skolen.")
    kraev_fase(kob, Fase.VISITATION, handling="Booking")
    booket = 0
    for linje in pladsregnskab(kob).linjer:
        ledige = linje.egne - linje.optagne
        if ledige <= 0:
            continue
        for tilmelding in kob.tilmeldinger.filter(jobcenter=linje.jobcenter, status=Status.HENVIST)[
            :ledige
        ]:
            tilmelding.status = Status.OPTAGET
            tilmelding.save(update_fields=["status"])
            booket += 1
    return booket


@transaction.atomic
def afmeld(*, bruger: Bruger, tilmelding: Tilmelding) -> Tilmelding | None:
    """Withdraw a citizen before the start. The first on the jobcentre's waiting list moves
    up, when there is room for a referral; returns the one who moved up."""
    kob = laas(tilmelding.kursuskob)
    kraev(
        tilmelding.jobcenter_id == bruger.jobcenter_id, "Kun borgerens eget jobcenter kan afmelde."
    )
    kraev_fase(kob, Fase.VISITATION, handling="Afmelding")
    kraev(
        tilmelding.status in (Status.HENVIST, Status.OPTAGET, Status.VENTELISTE),
        "Borgeren er allerede afmeldt.",
    )
    tilmelding.status = Status.AFMELDT
    tilmelding.save(update_fields=["status"])
    registrer_adgang(bruger=bruger, borger=tilmelding.borger, handling=Handling.KURSUS)
    linje = pladsregnskab(kob).linje(bruger.jobcenter_id)
    if linje is None or linje.henviste >= linje.egne + kob.overbookning:
        return None
    naeste = kob.tilmeldinger.filter(
        jobcenter_id=bruger.jobcenter_id, status=Status.VENTELISTE
    ).first()
    if naeste is not None:
        naeste.status = Status.HENVIST
        naeste.save(update_fields=["status"])
    return naeste


@transaction.atomic
def registrer_opfoelgning(
    *,
    bruger: Bruger,
    tilmelding: Tilmelding,
    status: str,
    udfald: str,
    udfald_dato: datetime.date | None,
    note: str,
) -> Tilmelding:
    """Phase 5: the participant's status on the course and situation after it."""
    kraev(tilmelding.jobcenter_id == bruger.jobcenter_id, "Kun borgerens eget jobcenter følger op.")
    kraev_fase(tilmelding.kursuskob, Fase.OPFOELGNING, handling="Opfølgning")
    kraev(
        tilmelding.status in (Status.STARTET, Status.GENNEMFOERT, Status.AFBRUDT),
        "Borgeren deltog ikke på holdet.",
    )
    kraev(
        status in (Status.STARTET, Status.GENNEMFOERT, Status.AFBRUDT),
        "Vælg i gang, gennemført eller afbrudt.",
    )
    kraev(udfald in ("", *Udfald.values), "Ukendt status efter kurset.")
    kraev(
        not udfald or udfald_dato is not None, "Angiv datoen for borgerens situation efter kurset."
    )
    kraev(
        not udfald or status != Status.STARTET,
        "Situationen efter kurset registreres, når deltageren har gennemført eller afbrudt.",
    )
    tilmelding.status = status
    tilmelding.udfald = udfald
    tilmelding.udfald_dato = udfald_dato if udfald else None
    tilmelding.note = note
    tilmelding.save(update_fields=["status", "udfald", "udfald_dato", "note"])
    registrer_adgang(bruger=bruger, borger=tilmelding.borger, handling=Handling.KURSUS)
    return tilmelding
