"""Demo companies, for `manage.py demodata`. Deterministic for a given random generator."""

import random

from jobcenter.models import Jobcenter, Kommune

from .models import Arbejdssted, Branche, Kontaktperson, Niveau, Sektor, Stoerrelse, Virksomhed

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
