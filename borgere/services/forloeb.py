"""The praktikforløb's workflow rules."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobcenter.models import Bruger
from virksomheder.models import Kontakt, Opgave, Opgaveart
from virksomheder.services import afslut_opgave

from ..models import (
    Borger,
    Borgerkontakt,
    Forlaengelse,
    Forloebsopgave,
    Forloebsopgaveart,
    Handling,
    Opfoelgningssamtale,
    Praktikaftale,
    Praktikforloeb,
    Trin,
    Udfald,
)
from .borger import registrer_adgang


def status_efter() -> datetime.timedelta:
    """When an ended forløb's status is due (FORLOEB_STATUS_UGER, the weeks of Mål 2)."""
    return datetime.timedelta(weeks=settings.FORLOEB_STATUS_UGER)


def selvforsoergende_ifoelge_ydelser(
    forloeb: Praktikforloeb, *, idag: datetime.date
) -> bool | None:
    """Whether the benefit data say the citizen was self-supporting on the status day, by the
    same definition as Mål 2 (every benefit counts as public here, since no goal narrows it);
    None for a forløb not ended or whose day has not come. Beside, never instead of, the
    consultant's recorded answer."""
    if not forloeb.afsluttet or forloeb.faktisk_slut + status_efter() > idag:
        return None
    paa_ydelse = (
        Praktikforloeb.objects.filter(pk=forloeb.pk)
        .med_selvforsoergelse(uger=settings.FORLOEB_STATUS_UGER)
        .values_list("paa_ydelse", flat=True)
        .get()
    )
    return not paa_ydelse


def logget(bruger: Bruger, forloeb: Praktikforloeb) -> None:
    registrer_adgang(bruger=bruger, borger=forloeb.borger, handling=Handling.FORLOEB_RETTET)


def gem(forloeb: Praktikforloeb) -> None:
    """Save after the model's own checks (the place must be free in the period)."""
    forloeb.full_clean()
    forloeb.save()


@transaction.atomic
def opret_forloeb(*, bruger: Bruger, forloeb: Praktikforloeb) -> Praktikforloeb:
    gem(forloeb)
    logget(bruger, forloeb)
    return forloeb


@transaction.atomic
def gem_praktikaftale(*, bruger: Bruger, aftale: Praktikaftale) -> Praktikaftale:
    """Writing the praktikaftale brings the forløb to step 3 if it was not there yet."""
    aftale.save()
    forloeb = aftale.forloeb
    if forloeb.trin < Trin.PRAKTIKAFTALE:
        forloeb.trin = Trin.PRAKTIKAFTALE
        forloeb.save(update_fields=["trin"])
    logget(bruger, forloeb)
    return aftale


@transaction.atomic
def naeste_trin(*, bruger: Bruger, forloeb: Praktikforloeb) -> Praktikforloeb:
    """One step on. A forløb starts (step 4) only with a concrete goal in its praktikaftale:
    "Der skal altid være et konkret formål" (N p.2). Step 5 is reached by ending it."""
    if forloeb.trin >= Trin.UNDERVEJS:
        raise ValidationError("Et forløb, der er i gang, går videre ved at blive afsluttet.")
    if forloeb.trin + 1 == Trin.UNDERVEJS:
        aftale = Praktikaftale.objects.filter(forloeb=forloeb).first()
        if aftale is None or not aftale.maal.strip():
            raise ValidationError(
                "Der skal altid være et konkret formål: skriv praktikaftalens mål, før "
                "forløbet kan starte."
            )
    forloeb.trin += 1
    forloeb.save(update_fields=["trin"])
    logget(bruger, forloeb)
    return forloeb


@transaction.atomic
def registrer_opfoelgning(*, bruger: Bruger, samtale: Opfoelgningssamtale) -> Opfoelgningssamtale:
    if samtale.forloeb.trin != Trin.UNDERVEJS:
        raise ValidationError("Opfølgningssamtaler hører til et forløb, der er i gang.")
    samtale.oprettet_af = bruger
    samtale.save()
    logget(bruger, samtale.forloeb)
    return samtale


@transaction.atomic
def forlaeng(
    *, bruger: Bruger, forloeb: Praktikforloeb, ny_slut: datetime.date, tekst: str
) -> Forlaengelse:
    if forloeb.trin != Trin.UNDERVEJS:
        raise ValidationError("Kun et forløb, der er i gang, kan forlænges.")
    tidligere = forloeb.planlagt_slut
    if tidligere is not None and ny_slut <= tidligere:
        raise ValidationError(
            f"Den nye slutdato skal ligge efter den nuværende ({tidligere:%d-%m-%Y})."
        )
    forloeb.planlagt_slut = ny_slut
    gem(forloeb)
    logget(bruger, forloeb)
    return Forlaengelse.objects.create(
        forloeb=forloeb, tidligere_slut=tidligere, ny_slut=ny_slut, tekst=tekst, besluttet_af=bruger
    )


@transaction.atomic
def afslut_forloeb(
    *,
    bruger: Bruger,
    forloeb: Praktikforloeb,
    slutdato: datetime.date,
    udfald: str,
    note: str = "",
) -> Praktikforloeb:
    """Step 5. Every ended forløb gets a task FORLOEB_STATUS_UGER weeks after its end to record
    whether the citizen is self-supporting (Mål 2 is measured then); an interrupted one also an
    immediate follow-up task: "Jobkonsulenten fulgte med det samme op" (N p.3)."""
    if forloeb.afsluttet:
        raise ValidationError("Forløbet er allerede afsluttet.")
    if forloeb.trin != Trin.UNDERVEJS:
        raise ValidationError(
            "Et forløb afsluttes, når det er startet (trin 4). Før start kan det rettes."
        )
    if slutdato < forloeb.start:
        raise ValidationError("Slutdatoen må ikke ligge før forløbets start.")
    forloeb.faktisk_slut = slutdato
    forloeb.udfald = udfald
    forloeb.afslutningsnote = note
    forloeb.trin = Trin.AFSLUTNING

    def opgave(art: Forloebsopgaveart, **felter) -> Opgave:
        opgave = Opgave.objects.create(
            jobcenter_id=forloeb.borger.jobcenter_id,
            virksomhed=forloeb.virksomhed,
            ansvarlig=forloeb.jobkonsulent,
            art=Opgaveart.FRA_ANDEN_DEL,
            **felter,
        )
        Forloebsopgave.objects.create(forloeb=forloeb, opgave=opgave, art=art)
        return opgave

    forloeb.statusopgave = opgave(
        art=Forloebsopgaveart.STATUS_4_UGER,
        titel=f"Registrér status {settings.FORLOEB_STATUS_UGER} uger efter forløbet hos "
        f"{forloeb.virksomhed.navn}",
        frist=slutdato + status_efter(),
    )
    if udfald == Udfald.AFBRUDT:
        opgave(
            art=Forloebsopgaveart.FORLOEB_AFBRUDT,
            titel=f"Følg op på det afbrudte forløb hos {forloeb.virksomhed.navn}",
            frist=timezone.localdate(),
        )
    gem(forloeb)
    logget(bruger, forloeb)
    return forloeb


@transaction.atomic
def registrer_status_4_uger(
    *, bruger: Bruger, forloeb: Praktikforloeb, selvforsoergende: bool
) -> Praktikforloeb:
    if not forloeb.afsluttet:
        raise ValidationError("Status 4 uger efter registreres, når forløbet er afsluttet.")
    forloeb.selvforsoergende_4_uger = selvforsoergende
    forloeb.save(update_fields=["selvforsoergende_4_uger"])
    opgave = forloeb.statusopgave
    if opgave is not None and opgave.udfoert is None:
        afslut_opgave(bruger=bruger, opgave=opgave)
    logget(bruger, forloeb)
    return forloeb


def tilknyt_kontakt(*, bruger: Bruger, borger: Borger, kontakt: Kontakt) -> Borgerkontakt:
    kobling, _ = Borgerkontakt.objects.get_or_create(
        borger=borger, kontakt=kontakt, defaults={"tilknyttet_af": bruger}
    )
    registrer_adgang(bruger=bruger, borger=borger, handling=Handling.RETTET)
    return kobling
