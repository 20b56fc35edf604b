"""The study's survey as a ready template (domain/kursuskob.md §3): the collaboration questions,
barriers B1–B10 and drivers D1–D11 in the sources' wording, and overall satisfaction."""

from django.db import migrations

NAVN = "Samarbejde om kursuskøb (Rambøll 2018)"
SKALA = "1 = i meget lav grad, 5 = i meget høj grad"

SEKTIONER = [
    (
        "Samarbejdet",
        [
            ("model", "enkeltvalg", "", "Hvilken samarbejdsmodel karakteriserer størstedelen af jobcentrets kursuskøb?",
             ["Netværksbaseret samarbejde", "Primær kommune", "Sekundær kommune", "Selvstændigt køb"]),
            ("varighed", "enkeltvalg", "", "Hvor længe har samarbejdet om kursuskøb eksisteret?",
             ["Under et år", "1–2 år", "2–4 år", "Mere end 4 år", "Ved ikke"]),
            ("moeder", "enkeltvalg", "", "Hvor ofte mødes jobcentrene om kursuskøb?",
             ["Månedligt eller oftere", "Kvartalsvist", "Halvårligt", "Årligt eller sjældnere"]),
            ("redskaber", "flervalg", "", "Hvilke redskaber bruger jobcentret til at udvælge kurser?",
             ["Efterspørgsel fra lokale virksomheder", "Arbejdsmarkedsbalancen", "Regional positivliste",
              "Jobåbningstal", "Ledighedstal fordelt på brancher", "Arbejdskraftsreservetal", "Andet"]),
        ],
    ),
    (
        f"Barrierer: i hvilken grad oplever jobcentret følgende i samarbejdet? ({SKALA})",
        [
            ("B1", "Økonomiske barrierer i forhold til, at uddannelsesinstitutionerne stiller krav om et vist antal indkøbte pladser, før et kursushold oprettes"),
            ("B2", "Begrænset fleksibilitet hos uddannelsesinstitutionerne i forhold til, at deres kursusplan ikke tillader oprettelse af ekstra kursushold og ekstra pladser med kort varsel"),
            ("B3", "Lav ledighed gør det svært at samle nok borgere til et kursusforløb"),
            ("B4", "Det er administrativt besværligt og tidskrævende at fremfinde ledige til fælles kurser/sikre holdopfyldning"),
            ("B5", "Forskellige ledelsesmæssige prioriteringer"),
            ("B6", "Forskellige kommunale strategier for anvendelse af uddannelse i aktiveringsindsatsen"),
            ("B7", "Forskellige kommunale strategier til identifikation af relevante kursuskøb"),
            ("B8", "Jobcentret mangler redskaber til at identificere relevante kursuskøb"),
            ("B9", "Økonomiske barrierer i forhold til finansiering"),
            ("B10", "Øvrige barrierer, eksempelvis geografiske udfordringer"),
        ],
    ),
    (
        f"Drivkræfter: i hvilken grad er følgende et incitament til samarbejdet? ({SKALA})",
        [
            ("D1", "Uddannelsesinstitutionerne udviser fleksibilitet i kursusplanlægningen"),
            ("D2", "Tværkommunalt samarbejde øger sikkerheden for, at kurser rent faktisk gennemføres"),
            ("D3", "Konkrete virksomheder har tilkendegivet, at de vil ansætte ledige, hvis de får en bestemt uddannelse/et bestemt kursus"),
            ("D4", "Jobcentrene oplever, at de får flere ledige hurtigere i arbejde"),
            ("D5", "Fælles forståelse i jobcentret om, at kurser er en virkningsfuld måde at få ledige i beskæftigelse"),
            ("D6", "Jobcentrene udviser samarbejdsvillighed"),
            ("D7", "Jobcentrene er sikre på, at de har ledige nok til et fælles indkøbt hold, så man ikke risikerer at betale for tomme pladser"),
            ("D8", "Ledelsesniveauet i jobcentre og uddannelsesinstitutioner prioriterer regionale fora"),
            ("D9", "Ledelsesopbakning i forhold til fokus på tværkommunalt samarbejde"),
            ("D10", "Den politiske opbakning til at købe kurser sammen med andre jobcentre"),
            ("D11", "80 pct. driftsrefusion for kommunen på de kurser, der købes"),
        ],
    ),
    (
        "Tilfredshed",
        [
            ("tilfredshed", "tilfredshed", "", "Hvor tilfreds er jobcentret samlet set med samarbejdet om kursuskøb? (1 = meget utilfreds, 5 = meget tilfreds)", []),
        ],
    ),
    ("Kommentarer", [("kommentar", "fritekst", "", "Andre kommentarer til samarbejdet", [])]),
]


def opret(apps, schema_editor):
    Spoergeskema = apps.get_model("kursuskob", "Spoergeskema")
    Sektion = apps.get_model("kursuskob", "Sektion")
    Spoergsmaal = apps.get_model("kursuskob", "Spoergsmaal")
    skema, ny = Spoergeskema.objects.get_or_create(
        navn=NAVN,
        defaults={
            "skabelon": True,
            "beskrivelse": "Barrierer, drivkræfter og tilfredshed fra den nationale kortlægning af "
            "fælleskommunale kursuskøb (Rambøll Management Consulting, februar 2018).",
        },
    )
    if not ny:
        return
    for s_nr, (titel, spoergsmaal) in enumerate(SEKTIONER):
        sektion = Sektion.objects.create(skema=skema, titel=titel, raekkefoelge=s_nr)
        for q_nr, punkt in enumerate(spoergsmaal):
            if len(punkt) == 2:  # a barrier or driver
                kode, tekst = punkt
                type_, faktor, valg = "skala", "barriere" if kode[0] == "B" else "drivkraft", []
            else:
                kode, type_, faktor, tekst, valg = punkt
            Spoergsmaal.objects.create(
                sektion=sektion, kode=kode, tekst=tekst, type=type_, faktor=faktor, valg=valg,
                raekkefoelge=q_nr,
            )


class Migration(migrations.Migration):
    dependencies = [("kursuskob", "0002_undersoegelse")]

    operations = [migrations.RunPython(opret, migrations.RunPython.noop)]
