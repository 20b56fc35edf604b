"""The purchase through its five phases, and the place arithmetic across jobcentres.

The rules come from the sources (domain/kursuskob.md §2): each jobcentre commits to a number of
places and pays for them, filled or not (S15, S29); places can be released to the network and
bought by another jobcentre (the primary/secondary model, S40); the tovholder holds the pre-start
checklist (S21). Every rule that is broken raises a ValidationError with a Danish message and
changes nothing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from jobcenter.models import Bruger, Jobcenter

from ..access import er_tovholder, kan_forpligte, kan_koebe, kan_oprette_kursuskob
from ..models import (
    OPTAGNE,
    PLADSHOLDENDE,
    Fase,
    Hold,
    Kursuskob,
    Status,
    Tildeling,
    Tilmelding,
)


def kraev(betingelse: bool, besked: str) -> None:
    if not betingelse:
        raise ValidationError(besked)


def kraev_fase(kob: Kursuskob, *faser: int, handling: str) -> None:
    kraev(
        kob.fase in faser,
        f"{handling} kan kun ske i fase {' og '.join(str(f) for f in faser)}; "
        f"kursuskøbet er i fase {kob.fase}.",
    )


@dataclass(frozen=True)
class Pladslinje:
    """One jobcentre's places on the class."""

    tildeling: Tildeling
    henviste: int
    optagne: int
    venteliste: int
    pris: Decimal | None
    refusionsprocent: Decimal

    @property
    def jobcenter(self) -> Jobcenter:
        return self.tildeling.jobcenter

    @property
    def tilsagn(self) -> int:
        return self.tildeling.pladser

    @property
    def frigivet(self) -> int:
        return self.tildeling.frigivet

    @property
    def egne(self) -> int:
        return self.tildeling.egne

    @property
    def ledige_egne(self) -> int:
        """Own places no referral holds yet: what the jobcentre may still fill or release."""
        return max(0, self.egne - self.henviste)

    @property
    def tomme(self) -> int:
        """Committed places without an enrolled participant; paid for all the same."""
        return max(0, self.tilsagn - self.optagne)

    @property
    def betaling(self) -> Decimal | None:
        return None if self.pris is None else self.pris * self.tilsagn

    @property
    def tomme_beloeb(self) -> Decimal | None:
        return None if self.pris is None else self.pris * self.tomme

    @property
    def netto(self) -> Decimal | None:
        """What the municipality pays after the refund."""
        if self.betaling is None:
            return None
        return (self.betaling * (100 - self.refusionsprocent) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Pladsregnskab:
    kapacitet: int
    linjer: list[Pladslinje]

    @property
    def tilsagn(self) -> int:
        return sum(linje.tilsagn for linje in self.linjer)

    @property
    def ufordelte(self) -> int:
        return max(0, self.kapacitet - self.tilsagn)

    @property
    def frigivne(self) -> int:
        return sum(linje.frigivet for linje in self.linjer)

    @property
    def til_koeb(self) -> int:
        """Places another jobcentre can buy: released ones and those nobody committed to."""
        return self.ufordelte + self.frigivne

    @property
    def ledige(self) -> int:
        """Free seats: the class' places nobody is enrolled on, whoever pays for them."""
        return max(0, self.kapacitet - self.optagne)

    @property
    def henviste(self) -> int:
        return sum(linje.henviste for linje in self.linjer)

    @property
    def optagne(self) -> int:
        return sum(linje.optagne for linje in self.linjer)

    @property
    def fyldningsgrad(self) -> float:
        return self.optagne / self.kapacitet if self.kapacitet else 0.0

    @property
    def tomme(self) -> int:
        return sum(linje.tomme for linje in self.linjer)

    def til_koeb_for(self, jobcenter_id: int) -> int:
        """What a jobcentre can buy: all places for sale except those it released itself."""
        egen = self.linje(jobcenter_id)
        return self.til_koeb - (egen.frigivet if egen else 0)

    def linje(self, jobcenter_id: int) -> Pladslinje | None:
        return next((li for li in self.linjer if li.tildeling.jobcenter_id == jobcenter_id), None)

    @property
    def betaling(self) -> Decimal | None:
        return self._sum("betaling")

    @property
    def netto(self) -> Decimal | None:
        return self._sum("netto")

    def _sum(self, felt: str) -> Decimal | None:
        """None while the price is not agreed."""
        vaerdier = [getattr(linje, felt) for linje in self.linjer]
        return None if not vaerdier or None in vaerdier else sum(vaerdier)


def pladsregnskab(kob: Kursuskob) -> Pladsregnskab:
    """Committed, released, referred, enrolled and waiting per jobcentre: two queries."""
    taelling = {
        row["jobcenter_id"]: row
        for row in Tilmelding.objects.filter(kursuskob=kob)
        .values("jobcenter_id")
        .annotate(
            henviste=Count("pk", filter=Q(status__in=PLADSHOLDENDE)),
            optagne=Count("pk", filter=Q(status__in=OPTAGNE)),
            venteliste=Count("pk", filter=Q(status=Status.VENTELISTE)),
        )
    }
    linjer = []
    for tildeling in kob.tildelinger.select_related("jobcenter", "noegleperson"):
        row = taelling.get(tildeling.jobcenter_id, {})
        linjer.append(
            Pladslinje(
                tildeling=tildeling,
                henviste=row.get("henviste", 0),
                optagne=row.get("optagne", 0),
                venteliste=row.get("venteliste", 0),
                pris=kob.hold.pris_pr_plads,
                refusionsprocent=kob.refusionsprocent,
            )
        )
    return Pladsregnskab(kapacitet=kob.hold.kapacitet, linjer=linjer)


@transaction.atomic
def opret_kursuskob(
    *, bruger: Bruger, hold: Hold, kob: Kursuskob, egne_pladser: int | None = None
) -> Kursuskob:
    """Phase 1 begins: the user's jobcentre is the primary one and the user the tovholder."""
    kraev(kan_oprette_kursuskob(bruger), "Kun medarbejdere i et jobcenter kan oprette kursuskøb.")
    hold.save()
    kob.hold = hold
    kob.primaert_jobcenter_id = bruger.jobcenter_id
    kob.tovholder = bruger
    kob.save()
    if egne_pladser:
        kraev(
            egne_pladser <= hold.kapacitet,
            f"Holdet har {hold.kapacitet} pladser; jeres jobcenter kan ikke få {egne_pladser}.",
        )
        Tildeling.objects.create(
            kursuskob=kob,
            jobcenter_id=bruger.jobcenter_id,
            pladser=egne_pladser,
            **(
                {"bekraeftet": timezone.now(), "bekraeftet_af": bruger, "noegleperson": bruger}
                if kan_forpligte(bruger, kob)
                else {}
            ),
        )
    return kob


def laas(kob: Kursuskob) -> Kursuskob:
    """Take the purchase's row lock: changes to its places take turns."""
    return Kursuskob.objects.select_for_update().select_related("hold").get(pk=kob.pk)


@transaction.atomic
def fordel_pladser(*, bruger: Bruger, kob: Kursuskob, jobcenter: Jobcenter, pladser: int) -> None:
    """The tovholder sets a line of the fordelingsnøgle (0 removes it). A changed line must be
    confirmed again by its jobcentre."""
    kob = laas(kob)
    kraev(er_tovholder(bruger, kob), "Kun tovholderen kan ændre fordelingsnøglen.")
    kraev_fase(kob, Fase.IDENTIFIKATION, Fase.AFTALE_JOBCENTRE, handling="Fordelingsnøglen")
    kraev(pladser >= 0, "Antallet af pladser kan ikke være negativt.")
    andre = sum(t.pladser for t in kob.tildelinger.exclude(jobcenter=jobcenter))
    kraev(
        andre + pladser <= kob.hold.kapacitet,
        f"Holdet har {kob.hold.kapacitet} pladser, og {andre} er allerede fordelt; "
        f"der er højst {kob.hold.kapacitet - andre} til {jobcenter}.",
    )
    if pladser == 0:
        kraev(
            not kob.tilmeldinger.filter(jobcenter=jobcenter).exists(),
            f"{jobcenter} har henvist borgere og kan ikke fjernes.",
        )
        kob.tildelinger.filter(jobcenter=jobcenter).delete()
        return
    egen = jobcenter.pk == bruger.jobcenter_id and kan_forpligte(bruger, kob)
    tildeling, _ = Tildeling.objects.update_or_create(
        kursuskob=kob,
        jobcenter=jobcenter,
        defaults={
            "pladser": pladser,
            "bekraeftet": timezone.now() if egen else None,
            "bekraeftet_af": bruger if egen else None,
        },
    )
    if egen and tildeling.noegleperson_id is None:
        tildeling.noegleperson = bruger
        tildeling.save(update_fields=["noegleperson"])


@transaction.atomic
def bekraeft_pladser(*, bruger: Bruger, kob: Kursuskob, noegleperson: Bruger) -> Tildeling:
    """A jobcentre confirms its line of the fordelingsnøgle and names its key person."""
    kob = laas(kob)
    kraev(kan_forpligte(bruger, kob), "Kun jobcentrets ledere kan forpligte jobcentret.")
    kraev_fase(kob, Fase.IDENTIFIKATION, Fase.AFTALE_JOBCENTRE, handling="Bekræftelse af pladser")
    tildeling = kob.tildelinger.filter(jobcenter_id=bruger.jobcenter_id).first()
    kraev(tildeling is not None, "Jeres jobcenter har ingen pladser i fordelingsnøglen.")
    kraev(
        noegleperson.jobcenter_id == bruger.jobcenter_id,
        "Nøglepersonen skal være en medarbejder i jeres eget jobcenter.",
    )
    tildeling.bekraeftet = timezone.now()
    tildeling.bekraeftet_af = bruger
    tildeling.noegleperson = noegleperson
    tildeling.save(update_fields=["bekraeftet", "bekraeftet_af", "noegleperson"])
    return tildeling


@transaction.atomic
def frigiv_pladser(*, bruger: Bruger, kob: Kursuskob, antal: int) -> None:
    """Offer own unused places to the network. They stay the jobcentre's, and paid for by it,
    until another jobcentre buys them."""
    kob = laas(kob)
    kraev(kan_forpligte(bruger, kob), "Kun jobcentrets ledere kan frigive pladser.")
    kraev_fase(kob, Fase.AFTALE_INSTITUTION, Fase.VISITATION, handling="Frigivelse af pladser")
    kraev(antal >= 1, "Frigiv mindst én plads.")
    linje = pladsregnskab(kob).linje(bruger.jobcenter_id)
    kraev(linje is not None, "Jeres jobcenter har ingen pladser på holdet.")
    kraev(
        antal <= linje.ledige_egne,
        f"Jeres jobcenter har {linje.ledige_egne} pladser, som ingen borger er henvist til; "
        f"der kan ikke frigives {antal}.",
    )
    tildeling = linje.tildeling
    tildeling.frigivet += antal
    tildeling.save(update_fields=["frigivet"])


@transaction.atomic
def koeb_ledige_pladser(*, bruger: Bruger, kob: Kursuskob, antal: int) -> Tildeling:
    """A secondary purchase: take released places first (relieving whoever released them,
    the largest release first), then places nobody had committed to."""
    kob = laas(kob)
    kraev(
        kan_koebe(bruger, kob),
        "Jeres jobcenter er ikke med i kursuskøbet eller dets netværk og kan ikke købe pladser.",
    )
    kraev(kan_forpligte(bruger, kob), "Kun jobcentrets ledere kan købe pladser.")
    kraev_fase(kob, Fase.AFTALE_INSTITUTION, Fase.VISITATION, handling="Køb af ledige pladser")
    kraev(antal >= 1, "Køb mindst én plads.")
    regnskab = pladsregnskab(kob)
    andres_frigivne = sorted(
        (
            li.tildeling
            for li in regnskab.linjer
            if li.frigivet and li.jobcenter.pk != bruger.jobcenter_id
        ),
        key=lambda t: (-t.frigivet, t.jobcenter.navn),
    )
    til_koeb = regnskab.til_koeb_for(bruger.jobcenter_id)
    kraev(
        antal <= til_koeb,
        f"Der er {til_koeb} pladser til køb på holdet; der kan ikke købes {antal}.",
    )
    mangler = antal
    for tildeling in andres_frigivne:
        taget = min(mangler, tildeling.frigivet)
        tildeling.frigivet -= taget
        tildeling.pladser -= taget
        mangler -= taget
        if tildeling.pladser == 0:
            tildeling.delete()
        else:
            tildeling.save(update_fields=["frigivet", "pladser"])
        if mangler == 0:
            break
    tildeling, ny = Tildeling.objects.get_or_create(
        kursuskob=kob,
        jobcenter_id=bruger.jobcenter_id,
        defaults={
            "pladser": antal,
            "sekundaer": True,
            "bekraeftet": timezone.now(),
            "bekraeftet_af": bruger,
            "noegleperson": bruger,
        },
    )
    if not ny:
        tildeling.pladser += antal
        tildeling.save(update_fields=["pladser"])
    return tildeling


@dataclass(frozen=True)
class Punkt:
    """A line of a phase's checklist: what must be in place, whether it is, and who must act."""

    tekst: str
    opfyldt: bool
    # The role that must act, in words; None when the line waits on no one (only on a date).
    hvem: str | None
    kraevet: bool = True

    @property
    def venter_paa_nogen(self) -> bool:
        return self.hvem is not None


def _opremsning(navne: list[str]) -> str:
    """Aalborg, Odense og Randers."""
    return navne[0] if len(navne) == 1 else f"{', '.join(navne[:-1])} og {navne[-1]}"


def _rolle_i(rolle: str, navne: list[str]) -> str | None:
    """Who must act, by role and jobcentre: »lederen i Jobcenter Aalborg«; None for nobody."""
    return f"{rolle} i {_opremsning(sorted(navne))}" if navne else None


def tjekliste(kob: Kursuskob, regnskab: Pladsregnskab, idag: datetime.date) -> list[Punkt]:
    """The current phase's checklist (the sources' checklists, S10 and S21). `hvem` names the
    role that must act, so a blocked phase says whom it waits for: the tovholder, a jobcentre's
    leader (only a leader commits a jobcentre's money, access.kan_forpligte) or a consultant (any
    employee refers and follows up on the jobcentre's own citizens)."""
    hold = kob.hold
    tovholder = f"tovholderen ({kob.tovholder})"
    if kob.fase == Fase.IDENTIFIKATION:
        return [
            Punkt("Behovet og begrundelsen er beskrevet", bool(kob.behov.strip()), tovholder),
            Punkt(
                "Virksomheder eller målrettede job er angivet",
                bool(kob.maaljob) or kob.virksomheder.exists(),
                tovholder,
            ),
            Punkt("Kilderne til behovet er angivet", bool(kob.kilder), tovholder, kraevet=False),
            Punkt(
                "Arbejdsgivererklæring fra en virksomhed",
                kob.arbejdsgivererklaering,
                tovholder,
                kraevet=False,
            ),
        ]
    if kob.fase == Fase.AFTALE_JOBCENTRE:
        ubekraeftede = [li.jobcenter.navn for li in regnskab.linjer if not li.tildeling.bekraeftet]
        return [
            Punkt("Fordelingsnøglen er lagt", bool(regnskab.linjer), tovholder),
            Punkt(
                "Det primære jobcenter har pladser",
                regnskab.linje(kob.primaert_jobcenter_id) is not None,
                tovholder,
            ),
            Punkt(
                f"Pladserne er inden for holdets {hold.kapacitet}",
                regnskab.tilsagn <= hold.kapacitet,
                tovholder,
            ),
            Punkt(
                "Hvert jobcenter har bekræftet sine pladser og udpeget en nøgleperson",
                bool(regnskab.linjer) and not ubekraeftede,
                _rolle_i("lederen", ubekraeftede),
            ),
        ]
    if kob.fase == Fase.AFTALE_INSTITUTION:
        return [
            Punkt("Pris pr. plads", hold.pris_pr_plads is not None, tovholder),
            Punkt("Start- og slutdato", bool(hold.startdato and hold.slutdato), tovholder),
            Punkt("Mindste antal deltagere", hold.minimum is not None, tovholder),
            Punkt("Tilmeldingsfrist", hold.tilmeldingsfrist is not None, tovholder),
            Punkt("Afbudsbetingelser", bool(kob.afbudsbetingelser.strip()), tovholder),
            Punkt(
                "Aftalen med institutionen er indgået", kob.aftale_indgaaet is not None, tovholder
            ),
        ]
    if kob.fase == Fase.VISITATION:
        uden_henviste = [li.jobcenter.navn for li in regnskab.linjer if li.henviste == 0]
        ikke_booket = [
            li.jobcenter.navn for li in regnskab.linjer if li.optagne < min(li.henviste, li.egne)
        ]
        uden_noegleperson = [
            li.jobcenter.navn for li in regnskab.linjer if not li.tildeling.noegleperson_id
        ]
        return [
            Punkt(
                "Hvert jobcenter har henvist borgere",
                bool(regnskab.linjer) and not uden_henviste,
                _rolle_i("en jobkonsulent", uden_henviste),
            ),
            Punkt(
                "Nøgleperson i hvert jobcenter",
                not uden_noegleperson,
                _rolle_i("lederen", uden_noegleperson),
            ),
            Punkt(
                "Kontaktperson på skolen, med mail og telefon",
                bool(hold.skolekontakt and (hold.skolekontakt.email or hold.skolekontakt.telefon)),
                tovholder,
            ),
            Punkt("Underviser på kurset", bool(hold.underviser), tovholder, kraevet=False),
            Punkt(
                "Kick-off-beskeden er sendt",
                kob.meddelelser.filter(sendt__isnull=False).exists(),
                tovholder,
                kraevet=False,
            ),
            Punkt("De henviste er booket hos skolen", not ikke_booket, tovholder),
            Punkt(
                f"Mindst {hold.minimum} optaget (holdets minimum)",
                hold.minimum is not None and regnskab.optagne >= hold.minimum,
                tovholder,
            ),
            Punkt(
                f"Holdet starter {hold.startdato:%d-%m-%Y}" if hold.startdato else "Startdato",
                hold.startdato is not None and idag >= hold.startdato,
                tovholder,
            ),
        ]
    mangler = set(
        kob.tilmeldinger.filter(status=Status.STARTET).values_list("jobcenter__navn", flat=True)
    )
    uden_udfald = set(
        kob.tilmeldinger.filter(
            status__in=[Status.GENNEMFOERT, Status.AFBRUDT], udfald=""
        ).values_list("jobcenter__navn", flat=True)
    )
    slut = hold.slutdato
    return [
        Punkt(
            "Hver deltager har fået status: gennemført eller afbrudt",
            not mangler and slut is not None and idag >= slut,
            _rolle_i("en jobkonsulent", list(mangler)),
        ),
        Punkt(
            "Hver deltagers situation efter kurset er registreret",
            not uden_udfald,
            _rolle_i("en jobkonsulent", list(uden_udfald)),
        ),
    ]


@transaction.atomic
def naeste_fase(*, bruger: Bruger, kob: Kursuskob, idag: datetime.date) -> Kursuskob:
    """Close the current phase when its required checklist items are done. Closing phase 4
    starts the class: the enrolled become participants, reserves and waiting list are told no."""
    kob = laas(kob)
    kraev(er_tovholder(bruger, kob), "Kun tovholderen kan afslutte en fase.")
    kraev(kob.fase < Fase.OPFOELGNING, "Kursuskøbet er i sidste fase, opfølgningen.")
    mangler = [
        f"{p.tekst} (venter på {p.hvem})" if p.venter_paa_nogen else p.tekst
        for p in tjekliste(kob, pladsregnskab(kob), idag)
        if p.kraevet and not p.opfyldt
    ]
    kraev(
        not mangler,
        f"Fase {kob.fase} kan ikke afsluttes endnu. Mangler: " + "; ".join(mangler) + ".",
    )
    if kob.fase == Fase.VISITATION:
        # One save per row, so each citizen's change is in the history.
        for tilmelding in kob.tilmeldinger.exclude(status=Status.AFMELDT):
            ny = Status.STARTET if tilmelding.status == Status.OPTAGET else Status.AFMELDT
            tilmelding.status = ny
            tilmelding.save(update_fields=["status"])
    kob.fase += 1
    kob.save(update_fields=["fase"])
    return kob


def venter_paa_jobcenter(*, jobcenter_id: int, idag: datetime.date) -> int:
    """Purchases waiting on the jobcentre itself (for the leader's overview): places to confirm
    in phase 2, none of its places referred in phase 4, participants without status or outcome
    after the course in phase 5. Three counts, no citizen loaded."""
    bekraefte = Tildeling.objects.filter(
        jobcenter_id=jobcenter_id, bekraeftet__isnull=True, kursuskob__fase=Fase.AFTALE_JOBCENTRE
    ).values("kursuskob")
    henvise = (
        Tildeling.objects.filter(jobcenter_id=jobcenter_id, kursuskob__fase=Fase.VISITATION)
        .exclude(kursuskob__tilmeldinger__jobcenter_id=jobcenter_id)
        .values("kursuskob")
    )
    foelge_op = (
        Tilmelding.objects.filter(jobcenter_id=jobcenter_id, kursuskob__fase=Fase.OPFOELGNING)
        .filter(
            Q(status=Status.STARTET, kursuskob__hold__slutdato__lte=idag)
            | Q(status__in=[Status.GENNEMFOERT, Status.AFBRUDT], udfald="")
        )
        .values("kursuskob")
    )
    return len(
        set(bekraefte.values_list("kursuskob", flat=True))
        | set(henvise.values_list("kursuskob", flat=True))
        | set(foelge_op.values_list("kursuskob", flat=True))
    )
