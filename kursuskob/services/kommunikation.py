"""Messages from a purchase: the kick-off mail to the participating jobcentres (S20–S21) and
the warning to the tovholder when a class will not reach its minimum in time."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from jobcenter.models import Bruger, Rolle

from ..access import er_tovholder
from ..models import Fase, Kursuskob, Meddelelse
from .kob import Pladsregnskab, kraev, pladsregnskab


def emnelinje(tekst: str) -> str:
    """A mail's subject on one line: a course's title or a round's name may hold line breaks,
    which no mail header may (Django refuses the mail; a header could be smuggled in)."""
    return " ".join(tekst.split())


def kickoff(kob: Kursuskob) -> tuple[str, str, list[str]]:
    """Subject, text and recipients: the key persons and the tovholder, with the participating
    jobcentres' leaders ("alle vores chefer cc", S21). Counts only, never a citizen."""
    regnskab = pladsregnskab(kob)
    jobcentre = [linje.jobcenter.pk for linje in regnskab.linjer]
    noeglepersoner = [
        li.tildeling.noegleperson for li in regnskab.linjer if li.tildeling.noegleperson
    ]
    ledere = Bruger.objects.filter(jobcenter__in=jobcentre, rolle=Rolle.LEDER, is_active=True)
    modtagere = sorted({b.email for b in [kob.tovholder, *noeglepersoner, *ledere] if b.email})
    emne = f"Kick-off: {kob.hold.kursus.titel}"
    if kob.hold.startdato:
        emne += f" starter {kob.hold.startdato:%d-%m-%Y}"
    tekst = render_to_string(
        "kursuskob/kickoff.txt",
        {"kob": kob, "hold": kob.hold, "regnskab": regnskab, "site_url": settings.SITE_URL},
    )
    return emnelinje(emne), tekst, modtagere


@transaction.atomic
def opret_kickoff(*, bruger: Bruger, kob: Kursuskob) -> Meddelelse:
    """Keep the kick-off message on the purchase; the task `send_meddelelse` mails it and
    marks it sent."""
    kraev(er_tovholder(bruger, kob), "Kun tovholderen sender kick-off-beskeden.")
    kraev(
        kob.fase >= Fase.AFTALE_INSTITUTION,
        "Kick-off-beskeden sendes, når jobcentrene har aftalt pladserne (fra fase 3).",
    )
    kraev(
        kob.hold.startdato is not None,
        "Holdets startdato skal være aftalt, før kick-off-beskeden kan sendes.",
    )
    emne, tekst, modtagere = kickoff(kob)
    kraev(bool(modtagere), "Ingen af modtagerne har en e-mailadresse.")
    return Meddelelse.objects.create(
        kursuskob=kob, emne=emne, tekst=tekst, modtagere=", ".join(modtagere), sendt_af=bruger
    )


def send_meddelelse(meddelelse: Meddelelse) -> int:
    """Mail the message; only a mail that went is recorded as sent (a failure raises, and the
    purchase's checklist and page go on saying it is not sent)."""
    antal = EmailMessage(
        subject=emnelinje(meddelelse.emne),
        body=meddelelse.tekst,
        to=meddelelse.modtagere.split(", "),
    ).send()
    meddelelse.sendt = timezone.now()
    meddelelse.save(update_fields=["sendt"])
    return antal


def advar_om_minimum(*, dato: datetime.date) -> int:
    """Once per purchase: tell the tovholder when the enrolment deadline is at most
    KURSUSKOB_ADVARSEL_DAGE away and fewer are referred than the class's minimum."""
    frist = dato + datetime.timedelta(days=settings.KURSUSKOB_ADVARSEL_DAGE)
    kandidater = Kursuskob.objects.filter(
        fase__in=[Fase.AFTALE_INSTITUTION, Fase.VISITATION],
        minimum_advaret__isnull=True,
        hold__minimum__isnull=False,
        hold__tilmeldingsfrist__gte=dato,
        hold__tilmeldingsfrist__lte=frist,
    ).select_related("hold__kursus", "tovholder")
    advaret = 0
    for kob in kandidater:
        regnskab = pladsregnskab(kob)
        if not minimum_i_fare(kob, regnskab, dato):
            continue
        with transaction.atomic():
            # Of two overlapping runs only one marks the row and sends; a failed mail rolls the
            # mark back, so the next run tries again.
            opdateret = Kursuskob.objects.filter(pk=kob.pk, minimum_advaret__isnull=True).update(
                minimum_advaret=dato
            )
            if not opdateret:
                continue
            if kob.tovholder.email:
                send_mail(
                    emnelinje(f"Holdet når ikke sit minimum: {kob.hold.kursus.titel}"),
                    render_to_string(
                        "kursuskob/minimum_advarsel.txt",
                        {"kob": kob, "regnskab": regnskab, "site_url": settings.SITE_URL},
                    ),
                    None,
                    [kob.tovholder.email],
                )
        advaret += 1
    return advaret


def minimum_i_fare(kob: Kursuskob, regnskab: Pladsregnskab, dato: datetime.date) -> bool:
    """Before the deadline, within the warning window, with fewer referred than the minimum."""
    hold = kob.hold
    if hold.minimum is None or hold.tilmeldingsfrist is None or kob.fase > Fase.VISITATION:
        return False
    dage = (hold.tilmeldingsfrist - dato).days
    if not 0 <= dage <= settings.KURSUSKOB_ADVARSEL_DAGE:
        return False
    return regnskab.henviste < hold.minimum
