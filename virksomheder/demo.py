"""Demo companies, for `manage.py demodata`. Deterministic for a given random generator."""

import datetime
import random

from jobcenter.models import Bruger, Jobcenter, Kommune

from .models import (
    Aftale,
    Aftalestatus,
    Aftaletype,
    Arbejdssted,
    Branche,
    Centerform,
    Formaal,
    Initiativ,
    Jobordre,
    Kanal,
    Kontakt,
    Kontaktperson,
    Mentor,
    Niveau,
    Opgave,
    Opgaveart,
    Plads,
    Segment,
    Sektor,
    Stoerrelse,
    Virksomhed,
    Virksomhedscenter,
    Virksomhedsforhold,
)

CVR_VAEGTE = (2, 7, 6, 5, 4, 3, 2)

NAVNEDELE = {
    "C": ["Metal", "Plast", "Maskinfabrik", "Emballage", "Møbelfabrik"],
    "F": ["Tømrer", "Murer", "VVS", "Entreprise", "Maler"],
    "G": ["Supermarked", "Byggemarked", "Tøj", "Auto", "Isenkram"],
    "H": ["Transport", "Vognmand", "Logistik", "Flytteforretning"],
    "I": ["Kro", "Hotel", "Restaurant", "Kantine", "Café"],
    "N": ["Rengøring", "Ejendomsservice", "Vikarservice", "Gartner"],
    "Q": ["Plejecenter", "Bosted", "Tandklinik", "Hjemmepleje"],
    "O": ["Vej og Park", "Borgerservice", "Materielgård"],
}
EFTERNAVNE = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Knudsen",
    "Holm",
    "Dahl",
    "Bech",
    "Lund",
    "Bundgaard",
]
FORNAVNE = [
    "Anne",
    "Mette",
    "Hanne",
    "Susanne",
    "Peter",
    "Michael",
    "Jens",
    "Lars",
    "Henrik",
    "Thomas",
    "Kirsten",
    "Lone",
    "Camilla",
    "Søren",
    "Morten",
    "Rikke",
    "Louise",
    "Jesper",
]
VEJE = [
    "Hovedgaden",
    "Industrivej",
    "Stationsvej",
    "Havnevej",
    "Skolegade",
    "Vestergade",
    "Østergade",
    "Fabriksvej",
    "Engvej",
    "Møllevej",
]


def cvr(rng: random.Random) -> str:
    while True:
        cifre = [rng.randint(1, 9), *(rng.randint(0, 9) for _ in range(6))]
        kontrol = -sum(v * c for v, c in zip(CVR_VAEGTE, cifre, strict=True)) % 11
        if kontrol < 10:
            return "".join(map(str, cifre)) + str(kontrol)


def opret_virksomheder(rng: random.Random, jobcentre: list[Jobcenter], antal: int) -> int:
    if Virksomhed.objects.exists():
        return 0
    brancher = {b.kode: b for b in Branche.objects.filter(kode__in=NAVNEDELE)}
    kommuner = list(Kommune.objects.filter(kommunenummer__in=[j.kommunenummer for j in jobcentre]))
    alle_kommuner = list(Kommune.objects.all())
    brugte: set[str] = set()
    virksomheder = []
    for _ in range(antal):
        kode = rng.choice(list(NAVNEDELE))
        nummer = cvr(rng)
        while nummer in brugte:
            nummer = cvr(rng)
        brugte.add(nummer)
        # Most companies lie in the demo jobcentres' municipalities, some outside (K p.21).
        kommune = rng.choice(kommuner) if rng.random() < 0.85 else rng.choice(alle_kommuner)
        offentlig = kode in ("O", "Q") and rng.random() < 0.7
        virksomheder.append(
            Virksomhed(
                cvr=nummer,
                navn=f"{rng.choice(EFTERNAVNE)}s {rng.choice(NAVNEDELE[kode])}"
                + ("" if offentlig else rng.choice([" ApS", " A/S", " I/S", ""])),
                branche=brancher[kode],
                sektor=Sektor.OFFENTLIG if offentlig else Sektor.PRIVAT,
                stoerrelse=rng.choice(Stoerrelse.values),
                adresse=f"{rng.choice(VEJE)} {rng.randint(1, 120)}",
                postnummer=str(rng.randint(1000, 9990)),
                by=kommune.navn,
                kommune=kommune,
                telefon=f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}",
            )
        )
    Virksomhed.objects.bulk_create(virksomheder)
    gemte = list(Virksomhed.objects.order_by("cvr"))
    pnumre = rng.sample(range(1_000_000_000, 9_999_999_999), len(gemte))
    Arbejdssted.objects.bulk_create(
        Arbejdssted(
            virksomhed=v,
            pnummer=str(p),
            navn=v.navn,
            adresse=v.adresse,
            postnummer=v.postnummer,
            by=v.by,
            kommune=v.kommune,
        )
        for v, p in zip(gemte, pnumre, strict=True)
    )
    Kontaktperson.objects.bulk_create(
        Kontaktperson(
            virksomhed=v,
            navn=f"{rng.choice(FORNAVNE)} {rng.choice(EFTERNAVNE)}",
            niveau=rng.choice(Niveau.values),
        )
        for v in gemte
        for _ in range(rng.randint(1, 3))
    )
    return len(gemte)


def opret_samarbejde(rng: random.Random, brugere: list[Bruger], idag: datetime.date) -> int:
    """Segments, contacts, tasks, agreements, centres and jobordrer for every demo jobcentre
    that has staff. Returns the number of contacts made."""
    if Kontakt.objects.exists():
        return 0
    per_jobcenter: dict[int, list[Bruger]] = {}
    for bruger in brugere:
        if bruger.jobcenter_id:
            per_jobcenter.setdefault(bruger.jobcenter_id, []).append(bruger)
    antal_kontakter = 0
    for staff in per_jobcenter.values():
        jobcenter = staff[0].jobcenter
        lokale = list(
            Virksomhed.objects.filter(kommune__kommunenummer=jobcenter.kommunenummer).order_by(
                "cvr"
            )
        )
        segmenter = [
            Segment.objects.create(jobcenter=jobcenter, navn=navn)
            for navn in ("Højt sygefravær", "Mange job for kortuddannede", "Stakeholderpanel")
        ]
        for virksomhed in lokale:
            forhold = Virksomhedsforhold.objects.create(
                jobcenter=jobcenter,
                virksomhed=virksomhed,
                kontaktansvarlig=rng.choice(staff) if rng.random() < 0.6 else None,
                prioritetsgruppe=rng.choice([1, 2, 3, 3, 4, 4, None]),
            )
            forhold.segmenter.set(rng.sample(segmenter, rng.randint(0, 2)))
            # A third of the companies have never been contacted.
            for _ in range(rng.choice([0, 0, 1, 2, 3, 5])):
                kontakt = Kontakt.objects.create(
                    jobcenter=jobcenter,
                    virksomhed=virksomhed,
                    dato=idag - datetime.timedelta(days=rng.randint(0, 700)),
                    kanal=rng.choice(Kanal.values),
                    initiativ=rng.choice(Initiativ.values),
                    formaal=rng.choice(Formaal.values),
                    note=rng.choice(
                        [
                            "Talte om muligheden for praktik i lageret.",
                            "Virksomheden mangler folk til rengøring om morgenen.",
                            "Opfølgning på forløb; alt går godt.",
                            "Informerede om løntilskud og mentorstøtte.",
                        ]
                    ),
                    oprettet_af=rng.choice(staff),
                )
                kontakt.medarbejdere.set([kontakt.oprettet_af])
                antal_kontakter += 1
        for virksomhed in rng.sample(lokale, min(12, len(lokale))):
            Opgave.objects.create(
                jobcenter=jobcenter,
                virksomhed=virksomhed,
                art=Opgaveart.NAESTE_SKRIDT,
                titel=rng.choice(
                    [
                        "Send forslag til samarbejdsaftale",
                        "Ring tilbage om praktikpladser",
                        "Aftal møde med HR",
                        "Følg op på jobordre",
                    ]
                ),
                frist=idag + datetime.timedelta(days=rng.randint(-10, 20)),
                ansvarlig=rng.choice(staff),
            )
        for nummer, virksomhed in enumerate(rng.sample(lokale, min(6, len(lokale)))):
            centerkontrakt = nummer < 2
            # Running agreements: started up to 300 days ago, so each still runs and its next
            # evaluation lies ahead.
            start = idag - datetime.timedelta(days=rng.randint(60, 300))
            aftale = Aftale.objects.create(
                jobcenter=jobcenter,
                virksomhed=virksomhed,
                type=Aftaletype.VIRKSOMHEDSCENTER
                if centerkontrakt
                else rng.choice(
                    [Aftaletype.GENEREL, Aftaletype.FASTE_PLADSER, Aftaletype.PARTNERSKAB]
                ),
                titel=f"Samarbejde med {virksomhed.navn}",
                status=Aftalestatus.AKTIV,
                formaal="Flere aktivitetsparate ledige i praktik, der fører til ordinært job.",
                maalgruppe="Aktivitetsparate kontanthjælpsmodtagere",
                antal_pladser=4 if centerkontrakt else rng.randint(1, 6),
                forloeb="13 ugers virksomhedspraktik med mulighed for løntilskud bagefter.",
                opfoelgning="Jobkonsulenten følger op hver 14. dag.",
                start=start,
                slut=start + datetime.timedelta(days=rng.choice([365, 730])),
                naeste_evaluering=start + datetime.timedelta(days=365),
                ansvarlig=rng.choice(staff),
            )
            if centerkontrakt:
                center = Virksomhedscenter.objects.create(
                    jobcenter=jobcenter,
                    virksomhed=virksomhed,
                    aftale=aftale,
                    navn=f"Virksomhedscenter {virksomhed.navn}",
                    form=rng.choice(Centerform.values),
                    maalgruppe="Aktivitetsparate kontanthjælpsmodtagere",
                    tovholder=rng.choice(staff),
                )
                Plads.objects.bulk_create(
                    # The places exist from the contract's start: a free one has stood empty
                    # since then.
                    Plads(virksomhedscenter=center, funktion=funktion, oprettet=start)
                    for funktion in rng.sample(
                        [
                            "Lager og pakning",
                            "Kantine",
                            "Rengøring",
                            "Administration",
                            "Butik og varepræsentation",
                            "Udendørs vedligehold",
                        ],
                        4,
                    )
                )
                Mentor.objects.create(
                    virksomhedscenter=center,
                    navn=f"{rng.choice(FORNAVNE)} {rng.choice(EFTERNAVNE)}",
                    uddannet=rng.random() < 0.5,
                )
        for virksomhed in rng.sample(lokale, min(5, len(lokale))):
            Jobordre.objects.create(
                jobcenter=jobcenter,
                virksomhed=virksomhed,
                stilling=rng.choice(["Lagermedarbejder", "Rengøringsassistent", "Kok", "Chauffør"]),
                antal=rng.randint(1, 3),
                frist=idag + datetime.timedelta(days=rng.randint(5, 40)),
                oprettet_af=rng.choice(staff),
            )
    return antal_kontakter
