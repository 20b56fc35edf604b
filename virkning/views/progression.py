"""The citizen's progression on the citizen's page (issue 16, item 3): each instrument's
indicators over time in a chart and tables, with the citizen's forløb and courses on the same
time axis. The citizen page loads the citizen and writes the access log; this part only reads."""

from django.db.models import Prefetch
from django.http import HttpRequest
from django.template.loader import render_to_string

from borgere.models import Borger
from kursuskob.models import OPTAGNE, Tilmelding

from .. import access
from ..analysis.progression import (
    Indikatorraekke,
    Instrumentforloeb,
    Maalingsraekke,
    Periode,
    Progression,
    progression,
)
from ..models import Art, Del, Maaling, Svar

FORLOEB = "Forløb"
KURSUS = "Kursus"


def borgerens_maalinger(request: HttpRequest, borger: Borger) -> list[Maalingsraekke]:
    """The citizen's progression measurements that the user's jobcentre holds, as rows: three
    queries, however many measurements."""
    maalinger = (
        Maaling.objects.synlige_for(request.user)
        .filter(borger=borger, instrument__art=Art.PROGRESSION)
        .select_related("instrument")
        .prefetch_related(
            "instrument__indikatorer",
            Prefetch("svar", queryset=Svar.objects.select_related("indikator")),
        )
    )
    return [
        Maalingsraekke(
            dato=m.dato,
            instrumentkode=m.instrument.kode,
            instrumentnavn=m.instrument.navn,
            version=m.instrument.version,
            indikatorer=tuple(
                Indikatorraekke(
                    kode=i.kode,
                    navn=i.navn,
                    stilles_til=i.stilles_til,
                    skala_min=i.skala_min,
                    skala_max=i.skala_max,
                    label_min=i.label_min,
                    label_max=i.label_max,
                    hoejere_er_bedre=i.hoejere_er_bedre,
                    raekkefoelge=i.raekkefoelge,
                )
                for i in m.instrument.indikatorer.all()
            ),
            svar={s.indikator.kode: s.vaerdi for s in m.svar.all()},
        )
        for m in maalinger
    ]


def borgerens_perioder(request: HttpRequest, borger: Borger) -> list[Periode]:
    """The citizen's forløb (to the actual end, else the planned one) and the courses they were
    admitted to (the class's dates; a class without a start date has no place on the axis)."""
    perioder = [
        Periode(
            art=FORLOEB,
            navn=f"{f.type} hos {f.virksomhed}",
            start=f.start,
            slut=f.faktisk_slut or f.planlagt_slut,
            planlagt=f.faktisk_slut is None and f.planlagt_slut is not None,
        )
        for f in borger.forloeb.select_related("type", "virksomhed")
    ]
    tilmeldinger = (
        Tilmelding.objects.synlige_for(request.user)
        .filter(borger=borger, status__in=OPTAGNE, kursuskob__hold__startdato__isnull=False)
        .select_related("kursuskob__hold__kursus")
    )
    perioder += [
        Periode(
            art=KURSUS,
            navn=f"{t.kursuskob.hold.kursus.titel} ({t.get_status_display().lower()})",
            start=t.kursuskob.hold.startdato,
            slut=t.kursuskob.hold.slutdato,
        )
        for t in tilmeldinger
    ]
    return perioder


def grafdata(instrument: Instrumentforloeb, indikatorer, perioder) -> dict:
    """What progression.js draws: one line per indicator (every measurement, null where it was
    not answered) and the periods as bands. The tables beside it show the same."""
    return {
        "skala": [
            min(f.indikator.skala_min for f in indikatorer),
            max(f.indikator.skala_max for f in indikatorer),
        ],
        "serier": [
            {
                "kode": f.indikator.kode,
                "navn": f.indikator.navn,
                "punkter": [{"dato": p.dato.isoformat(), "vaerdi": p.vaerdi} for p in f.punkter],
            }
            for f in indikatorer
        ],
        "perioder": [
            {
                "art": p.art,
                "navn": p.navn,
                "start": p.start.isoformat(),
                "slut": p.slut.isoformat() if p.slut else None,
            }
            for p in perioder
        ],
    }


def grafer(resultat: Progression) -> list[dict]:
    """Each instrument with one chart per part (the citizen's, the consultant's): small
    multiples, so a consultant's scale never squeezes the citizen's lines."""
    dele = dict(Del.choices)
    return [
        {
            "instrument": instrument,
            "grafer": [
                {
                    "id": f"progression-{i}-{j}",
                    "del": dele.get(del_, del_),
                    "indikatorer": indikatorer,
                    "data": grafdata(instrument, indikatorer, resultat.perioder),
                }
                for j, (del_, indikatorer) in enumerate(instrument.dele)
            ],
        }
        for i, instrument in enumerate(resultat.instrumenter)
    ]


def borger_panel(request: HttpRequest, borger: Borger) -> str:
    if not access.kan_maale(request.user):
        return ""
    maalinger = borgerens_maalinger(request, borger)
    # Without a measurement there is no axis to put the forløb on.
    resultat = progression(maalinger, borgerens_perioder(request, borger) if maalinger else [])
    context = {
        "borger": borger,
        "progression": resultat,
        "instrumenter": grafer(resultat),
        "forloeb": FORLOEB,
    }
    return render_to_string("virkning/_progression.html", context, request=request)
