"""Controlled trials (issue 16 §6): who is eligible, the reproducible draw, stopping early, and
the data behind the trial's result.

Eligibility. A citizen of the trial's jobcentre enters the trial on the first day in the window
[fra, til] on which a target-group period of theirs starts (of the trial's target group, if it
has one) and that meets the trial's other criteria:
- a benefit: they receive it on that day;
- a screening category: their screening at entry has that category. The screening at entry is
  the first screening within 14 days after entry (screening often follows entry), or else the
  latest one before entry. Until those 14 days have passed without a screening after entry, the
  citizen waits: the draw is made once their screening is known.

The draw. A number uniform in [0, 1) from the SHA-256 of »seed:citizen id«, so it depends on
nothing but the trial's seed and the citizen, never on the order in which citizens are drawn;
below `andel` is the effort group. It is stored once in `Lodtraekning` (a rerun finds it and
draws nothing) and logged without CPR or name. A stopped trial, and one past its end, draws no
more.
"""

import datetime
import hashlib
import logging
import secrets
from collections.abc import Iterable

import pandas as pd
from django.db import IntegrityError, transaction
from django.db.models import DateField, F, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone

from borgere.models import Borger, Maalgruppeperiode, Ydelsesperiode
from borgere.models.forloeb import paa_dato

from ..analysis.forsoeg import Forsoegsresultat, analyser_forsoeg
from ..models import Forsoeg, Gruppe, Lodtraekning, Maaling, Svar, Udfaldsmaal

logger = logging.getLogger(__name__)

SCREENING_EFTER_DAGE = 14
# A progression outcome's baseline: the last measurement on or before entry + these days.
BASELINE_EFTER_DAGE = 14


def nyt_seed() -> int:
    return secrets.randbits(63)


def lodtal(seed: int, borger_id: int) -> float:
    """The citizen's number in [0, 1): 53 bits of SHA-256(»seed:id«)."""
    digest = hashlib.sha256(f"{seed}:{borger_id}".encode()).digest()
    return (int.from_bytes(digest[:8], "big") >> 11) / float(1 << 53)


def gruppe_for(tal: float, andel) -> str:
    return Gruppe.INDSATS if tal < float(andel) else Gruppe.KONTROL


@transaction.atomic
def opret_forsoeg(*, bruger, forsoeg: Forsoeg) -> Forsoeg:
    """A leader's new trial in their jobcentre, with its seed drawn now and never changed."""
    forsoeg.jobcenter_id = bruger.jobcenter_id
    forsoeg.oprettet_af = bruger
    forsoeg.seed = nyt_seed()
    forsoeg.full_clean()
    forsoeg.save()
    return forsoeg


@transaction.atomic
def stop_forsoeg(*, forsoeg: Forsoeg, bruger, grund: str) -> Forsoeg:
    """Stops the trial early: recorded with who, when and why; it draws no more."""
    forsoeg = Forsoeg.objects.select_for_update().get(pk=forsoeg.pk)
    if forsoeg.stoppet is None:
        forsoeg.stoppet = timezone.now()
        forsoeg.stoppet_af = bruger
        forsoeg.stopgrund = grund
        forsoeg.save(update_fields=["stoppet", "stoppet_af", "stopgrund"])
        logger.info("forsøg %s stoppet før tid af bruger %s", forsoeg.pk, bruger.pk)
    return forsoeg


def kategori_ved_indgang(screeninger: list[tuple[datetime.date, int]], indgang, idag):
    """(known, category id) from a citizen's screenings [(dato, kategori id)] sorted by date:
    the first within SCREENING_EFTER_DAGE after entry, else the latest before entry once that
    time has passed (known=False while it may still come)."""
    frist = indgang + datetime.timedelta(days=SCREENING_EFTER_DAGE)
    efter = [k for dato, k in screeninger if indgang <= dato <= frist]
    if efter:
        return True, efter[0]
    if idag < frist:
        return False, None
    foer = [k for dato, k in screeninger if dato < indgang]
    return True, foer[-1] if foer else None


def screeninger_for(borger_ider: Iterable[int]) -> dict[int, list[tuple[datetime.date, int]]]:
    ud: dict[int, list[tuple[datetime.date, int]]] = {}
    for borger_id, dato, kategori_id in (
        Maaling.objects.filter(borger_id__in=list(borger_ider), kategori__isnull=False)
        .order_by("dato", "pk")
        .values_list("borger_id", "dato", "kategori_id")
    ):
        ud.setdefault(borger_id, []).append((dato, kategori_id))
    return ud


def nye_deltagere(*, forsoeg: Forsoeg, idag: datetime.date) -> list[tuple[int, datetime.date]]:
    """(citizen id, entry) of those eligible by `idag` who have not been drawn yet."""
    perioder = Maalgruppeperiode.objects.filter(
        borger__jobcenter_id=forsoeg.jobcenter_id,
        borger__anonymiseret__isnull=True,
        fra__gte=forsoeg.fra,
        fra__lte=min(forsoeg.til, idag),
    ).exclude(borger__lodtraekninger__forsoeg=forsoeg)
    if forsoeg.maalgruppe_id:
        perioder = perioder.filter(maalgruppe_id=forsoeg.maalgruppe_id)
    if forsoeg.ydelse_id:
        perioder = perioder.filter(
            paa_dato(Ydelsesperiode, OuterRef("fra"), ydelse_id=forsoeg.ydelse_id)
        )
    starter = list(perioder.order_by("fra", "pk").values_list("borger_id", "fra"))
    screeninger = screeninger_for({b for b, _ in starter}) if forsoeg.kategori_id else {}
    valgt: dict[int, datetime.date] = {}
    for borger_id, indgang in starter:
        if borger_id in valgt:
            continue
        if forsoeg.kategori_id:
            kendt, kategori = kategori_ved_indgang(screeninger.get(borger_id, []), indgang, idag)
            if not kendt:
                # An earlier entry waits for its screening: a later entry must not overtake it.
                valgt[borger_id] = None
                continue
            if kategori != forsoeg.kategori_id:
                continue
        valgt[borger_id] = indgang
    return [(b, indgang) for b, indgang in valgt.items() if indgang is not None]


def traekker(forsoeg: Forsoeg, idag: datetime.date) -> bool:
    return forsoeg.stoppet is None and forsoeg.fra <= idag and idag <= forsoeg.slut


def traek_lod(*, forsoeg: Forsoeg, idag: datetime.date) -> int:
    """Draws every newly eligible citizen of the trial; returns how many. Idempotent: a citizen
    already drawn is never drawn again, and the number depends only on seed and citizen."""
    with transaction.atomic():
        forsoeg = Forsoeg.objects.select_for_update().get(pk=forsoeg.pk)
        if not traekker(forsoeg, idag):
            return 0
        antal = 0
        for borger_id, indgang in nye_deltagere(forsoeg=forsoeg, idag=idag):
            tal = lodtal(forsoeg.seed, borger_id)
            gruppe = gruppe_for(tal, forsoeg.andel)
            try:
                with transaction.atomic():
                    Lodtraekning.objects.create(
                        forsoeg=forsoeg,
                        borger_id=borger_id,
                        gruppe=gruppe,
                        tal=tal,
                        indgang=indgang,
                    )
            except IntegrityError:
                continue  # drawn meanwhile: the stored draw stands
            antal += 1
            logger.info(
                "forsøg %s: borger %s trukket til %s (tal %.12f, indgang %s)",
                forsoeg.pk,
                borger_id,
                gruppe,
                tal,
                indgang.isoformat(),
            )
    return antal


def traek_lod_i_alle(*, idag: datetime.date) -> dict[int, int]:
    """Every running trial's new draws (the nightly job): {trial id: number drawn}."""
    koerende = Forsoeg.objects.filter(stoppet__isnull=True, fra__lte=idag, slut__gte=idag)
    return {f.pk: traek_lod(forsoeg=f, idag=idag) for f in koerende.order_by("pk")}


def alder(foedselsdato: datetime.date, dato: datetime.date) -> int:
    return (
        dato.year
        - foedselsdato.year
        - ((dato.month, dato.day) < (foedselsdato.month, foedselsdato.day))
    )


def selvforsoergelse(forsoeg: Forsoeg, idag: datetime.date) -> dict[int, float]:
    """Draw id → 1.0 self-supporting (on no benefit) `uger` weeks after entry, 0.0 on a benefit;
    absent while that day has not come. The predicate of Mål 2 (`paa_dato`, any benefit)."""
    efter = datetime.timedelta(weeks=forsoeg.uger)
    traek = (
        forsoeg.lodtraekninger.annotate(opfoelgningsdag=Cast(F("indgang") + efter, DateField()))
        .annotate(paa_ydelse=paa_dato(Ydelsesperiode, OuterRef("opfoelgningsdag")))
        .filter(opfoelgningsdag__lte=idag)
    )
    return {pk: 0.0 if paa else 1.0 for pk, paa in traek.values_list("pk", "paa_ydelse")}


def progression(forsoeg: Forsoeg, idag: datetime.date) -> dict[int, float]:
    """Draw id → the change on the indicator: the first answer at least `uger` weeks after entry
    minus the baseline, the last answer on or before entry + 14 days; turned so that a positive
    change is better when lower values are better. Absent without both answers."""
    indikator = forsoeg.indikator
    svar: dict[int, list[tuple[datetime.date, int]]] = {}
    traek = list(forsoeg.lodtraekninger.values_list("pk", "borger_id", "indgang"))
    for borger_id, dato, vaerdi in (
        Svar.objects.filter(
            maaling__borger_id__in=[b for _, b, _ in traek],
            maaling__dato__lte=idag,
            indikator__kode=indikator.kode,
            indikator__instrument__kode=indikator.instrument.kode,
        )
        .order_by("maaling__dato", "pk")
        .values_list("maaling__borger_id", "maaling__dato", "vaerdi")
    ):
        svar.setdefault(borger_id, []).append((dato, vaerdi))
    fortegn = 1 if indikator.hoejere_er_bedre else -1
    ud = {}
    for pk, borger_id, indgang in traek:
        egne = svar.get(borger_id, [])
        foer = [v for d, v in egne if d <= indgang + datetime.timedelta(days=BASELINE_EFTER_DAGE)]
        efter = [v for d, v in egne if d >= indgang + datetime.timedelta(weeks=forsoeg.uger)]
        if foer and efter:
            ud[pk] = float(fortegn * (efter[0] - foer[-1]))
    return ud


def forsoegsdata(*, forsoeg: Forsoeg, idag: datetime.date) -> pd.DataFrame:
    """One row per draw: group, age, benefit and screening category at entry, outcome."""
    traek = list(forsoeg.lodtraekninger.values_list("pk", "borger_id", "gruppe", "indgang"))
    borger_ider = [b for _, b, _, _ in traek]
    cpr = dict(Borger.objects.filter(pk__in=borger_ider).values_list("pk", "cpr"))
    foedt = {pk: Borger(cpr=c).foedselsdato for pk, c in cpr.items()}
    ydelser: dict[int, list] = {}
    for borger_id, fra, til, navn in Ydelsesperiode.objects.filter(
        borger_id__in=borger_ider
    ).values_list("borger_id", "fra", "til", "ydelse__navn"):
        ydelser.setdefault(borger_id, []).append((fra, til, navn))
    screeninger = screeninger_for(borger_ider)
    kategorinavne = dict(
        Maaling.objects.filter(borger_id__in=borger_ider, kategori__isnull=False).values_list(
            "kategori_id", "kategori__navn"
        )
    )
    udfald = (
        selvforsoergelse(forsoeg, idag)
        if forsoeg.udfald == Udfaldsmaal.SELVFORSOERGELSE
        else progression(forsoeg, idag)
    )
    raekker = []
    for pk, borger_id, gruppe, indgang in traek:
        ydelse = next(
            (
                n
                for fra, til, n in ydelser.get(borger_id, [])
                if fra <= indgang and (til is None or til >= indgang)
            ),
            "",
        )
        _, kategori = kategori_ved_indgang(screeninger.get(borger_id, []), indgang, idag)
        raekker.append(
            {
                "gruppe": gruppe,
                "alder": alder(foedt[borger_id], indgang),
                "ydelse": ydelse,
                "kategori": kategorinavne.get(kategori, ""),
                "udfald": udfald.get(pk, float("nan")),
            }
        )
    kolonner = ["gruppe", "alder", "ydelse", "kategori", "udfald"]
    return pd.DataFrame(raekker, columns=kolonner)


def mindste_antal() -> int:
    from django.conf import settings

    return max(10, settings.MINDSTE_ANTAL)


def forsoegsresultat(*, forsoeg: Forsoeg, idag: datetime.date) -> Forsoegsresultat:
    return analyser_forsoeg(
        forsoegsdata(forsoeg=forsoeg, idag=idag), art=forsoeg.udfald, mindste=mindste_antal()
    )
