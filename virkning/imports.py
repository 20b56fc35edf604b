"""Import types of `virkning` (jobcenter.imports.Importtype): measurements made elsewhere
(`maalinger`), one row per measurement, columns `cpr;instrument;dato;<indikator-kode>…`; an empty
cell is an indicator not answered. The whole file or nothing; keyed on (citizen, instrument
version, date), so importing the same file twice changes nothing, and a row with other answers
replaces the measurement's answers."""

import datetime

from django.utils import timezone

from borgere.access import kan_importere_borgerdata
from borgere.imports import BATCH, cpr_besked, egne_borgere, fremskridt_hver
from borgere.models import normaliser_cpr
from jobcenter.imports import Importtype, Plan, dato, med_eksempel
from jobcenter.models import Bruger

from .models import Art, Indikator, Instrument, Maaling, Screeningskategori, Svar
from .services.screening import kategori_for

FASTE = ("cpr", "instrument", "dato")


def heltal(tekst: str) -> int | None:
    tekst = tekst.strip()
    if tekst.startswith("-") and tekst[1:].isdigit():
        return -int(tekst[1:])
    return int(tekst) if tekst.isdigit() else None


def plan_maalinger(bruger: Bruger, rows, fremskridt, *, kolonner: list[str]) -> Plan:
    plan = Plan()
    instrumenter = {i.kode: i for i in Instrument.objects.i_brug(jobcenter_id=bruger.jobcenter_id)}
    indikatorer: dict[int, dict[str, Indikator]] = {i.pk: {} for i in instrumenter.values()}
    for indikator in Indikator.objects.filter(instrument__in=instrumenter.values()):
        indikatorer[indikator.instrument_id][indikator.kode] = indikator
    alle_koder = {kode for koder in indikatorer.values() for kode in koder}

    # The first row: the fixed columns, then indicator codes. A column without a name over
    # empty cells is what Excel leaves after the last one; over an answer it is a mistake.
    navngivne = [i for i, kode in enumerate(kolonner) if kode and i >= len(FASTE)]
    for i, kode in enumerate(kolonner):
        if not kode and any(i < len(celler) and celler[i].strip() for _, celler in rows):
            plan.fejl.append((1, f"Kolonne {i + 1} har intet navn i første række."))
    koder = [kolonner[i] for i in navngivne]
    ukendte = [k for k in koder if k not in alle_koder]
    if ukendte:
        plan.fejl.append((1, f"Ukendte kolonner: {', '.join(ukendte)}; brug indikatorernes koder."))
    dobbelte = sorted({k for k in koder if koder.count(k) > 1})
    if dobbelte:
        plan.fejl.append((1, f"{', '.join(dobbelte)} står mere end én gang i første række."))
    if not koder:
        plan.fejl.append(
            (
                1,
                "Første række skal have mindst én indikators kode efter dato, fx "
                "cpr;instrument;dato;b-jobsoegning.",
            )
        )
    if plan.fejl:
        return plan

    borgere = egne_borgere(bruger)
    idag = timezone.localdate()
    fil: dict[tuple[int, int, datetime.date], tuple[int, dict[int, int]]] = {}
    for nummer, celler in rows:
        fremskridt_hver(fremskridt, nummer)
        felt = {kolonner[i]: (celler[i] if i < len(celler) else "").strip() for i in range(3)}
        cpr = normaliser_cpr(felt["cpr"])
        borger_id = borgere.get(cpr)
        if borger_id is None:
            # The same words for a CPR number unknown everywhere and for one of another
            # jobcentre: the import must not tell them apart.
            plan.fejl.append(
                (nummer, cpr_besked(cpr, "CPR-nummeret findes ikke blandt jeres borgere"))
            )
            continue
        instrument = instrumenter.get(felt["instrument"].lower())
        if instrument is None:
            plan.fejl.append(
                (nummer, f"ukendt instrument »{felt['instrument']}«; brug instrumentets kode")
            )
            continue
        try:
            dag = dato(felt["dato"], "dato")
        except ValueError as error:
            plan.fejl.append((nummer, str(error)))
            continue
        if dag > idag:
            plan.fejl.append((nummer, "datoen ligger i fremtiden"))
            continue
        egne = indikatorer[instrument.pk]
        vaerdier: dict[int, int] = {}
        fejl = []
        for i in navngivne:
            raa = (celler[i] if i < len(celler) else "").strip()
            if not raa:
                continue
            kode = kolonner[i]
            indikator = egne.get(kode)
            if indikator is None:
                fejl.append(f"{kode} er ikke en indikator i {instrument.navn}")
                continue
            vaerdi = heltal(raa)
            if vaerdi is None or not indikator.skala_min <= vaerdi <= indikator.skala_max:
                fejl.append(
                    f"{kode}: »{raa}« ligger ikke på skalaen "
                    f"{indikator.skala_min}–{indikator.skala_max}"
                )
                continue
            vaerdier[indikator.pk] = vaerdi
        if fejl:
            plan.fejl.extend((nummer, f) for f in fejl)
            continue
        if not vaerdier:
            plan.fejl.append((nummer, "rækken har ingen svar"))
            continue
        noegle = (borger_id, instrument.pk, dag)
        if noegle in fil:
            plan.fejl.append((nummer, "samme borger, instrument og dato står to gange i filen"))
            continue
        fil[noegle] = (nummer, vaerdier)
    if plan.fejl:
        return plan

    eksisterende: dict[tuple[int, int, datetime.date], tuple[int, dict[int, int]]] = {}
    for maaling in Maaling.objects.filter(
        jobcenter_id=bruger.jobcenter_id,
        instrument_id__in={n[1] for n in fil},
        borger_id__in={n[0] for n in fil},
    ).prefetch_related("svar"):
        eksisterende[(maaling.borger_id, maaling.instrument_id, maaling.dato)] = (
            maaling.pk,
            {s.indikator_id: s.vaerdi for s in maaling.svar.all()},
        )
    efter_pk = {i.pk: i for i in instrumenter.values()}
    kategorier: dict[tuple, tuple[Screeningskategori | None, list[str]]] = {}

    def kategori(instrument: Instrument, vaerdier: dict[int, int]):
        if instrument.art != Art.SCREENING:
            return None, []
        noegle = (instrument.pk, tuple(sorted(vaerdier.items())))
        if noegle not in kategorier:
            kategorier[noegle] = kategori_for(instrument=instrument, vaerdier=vaerdier)
        return kategorier[noegle]

    for noegle, (nummer, vaerdier) in fil.items():
        gammel = eksisterende.get(noegle)
        instrument = efter_pk[noegle[1]]
        if gammel is None:
            plan.nye.append((noegle, vaerdier, *kategori(instrument, vaerdier)))
        elif gammel[1] != vaerdier:
            plan.opdaterede.append((gammel[0], vaerdier, *kategori(instrument, vaerdier)))
        med_eksempel(
            plan,
            {
                "linje": nummer,
                "instrument": instrument.navn,
                "dato": noegle[2].strftime("%d-%m-%Y"),
                "besvarede indikatorer": len(vaerdier),
            },
        )

    def skriv(fremskridt):
        nye = Maaling.objects.bulk_create(
            (
                Maaling(
                    borger_id=borger_id,
                    jobcenter_id=bruger.jobcenter_id,
                    instrument_id=instrument_id,
                    dato=dag,
                    importeret=True,
                    kategori=kategori_,
                    begrundelse=grunde,
                )
                for (borger_id, instrument_id, dag), _, kategori_, grunde in plan.nye
            ),
            batch_size=BATCH,
        )
        svar = [
            Svar(maaling=maaling, indikator_id=indikator_id, vaerdi=vaerdi)
            for maaling, (_, vaerdier, _, _) in zip(nye, plan.nye, strict=True)
            for indikator_id, vaerdi in vaerdier.items()
        ]
        aendrede = [pk for pk, *_ in plan.opdaterede]
        Svar.objects.filter(maaling_id__in=aendrede).delete()
        for pk, vaerdier, kategori_, grunde in plan.opdaterede:
            Maaling.objects.filter(pk=pk).update(
                importeret=True, kategori=kategori_, begrundelse=grunde
            )
            svar.extend(
                Svar(maaling_id=pk, indikator_id=indikator_id, vaerdi=vaerdi)
                for indikator_id, vaerdi in vaerdier.items()
            )
        Svar.objects.bulk_create(svar, batch_size=BATCH)

    plan.skriv = skriv
    return plan


MAALINGER = Importtype(
    kode="maalinger",
    label="Målinger",
    kolonner=FASTE,
    flere_kolonner="<indikatorens kode>…",
    planlaeg=plan_maalinger,
    maa=kan_importere_borgerdata,
    hvem="administratorer i et jobcenter",
    forklaring=(
        "Én række pr. måling, fx cpr;instrument;dato;b-jobsoegning;b-tro-paa-job. Instrumentet "
        "er koden på et instrument i brug (jobcentrets eget frem for skabelonen med samme kode); "
        "en tom celle er ikke besvaret, og værdierne skal ligge på indikatorens skala. Nøglen er "
        "borger, instrument og dato; en screening får sin kategori efter reglerne."
    ),
)
IMPORTTYPER = [MAALINGER]
