"""A short name for each question, for the indsatskort's labels and the result tables, so users
read »Lav ledighed«, never »B3«; the shipped template's questions (and copies that kept their
wording) get the names below."""

from django.db import migrations, models

KORTE_NAVNE = {
    "model": "Samarbejdsmodel",
    "varighed": "Samarbejdets varighed",
    "moeder": "Mødefrekvens",
    "redskaber": "Redskaber til at vælge kurser",
    "B1": "Krav om et mindste antal pladser",
    "B2": "Skolernes kursusplan er ufleksibel",
    "B3": "Lav ledighed",
    "B4": "Besværligt at finde deltagere",
    "B5": "Forskellig ledelsesprioritering",
    "B6": "Forskellig brug af uddannelse",
    "B7": "Forskellig måde at vælge kurser",
    "B8": "Mangler redskaber til at vælge kurser",
    "B9": "Finansieringen",
    "B10": "Øvrige barrierer, fx geografi",
    "D1": "Fleksible uddannelsesinstitutioner",
    "D2": "Sikkerhed for, at kurset bliver til",
    "D3": "Virksomheder vil ansætte",
    "D4": "Flere hurtigere i job",
    "D5": "Tro på kurser i jobcentret",
    "D6": "Samarbejdsvillige jobcentre",
    "D7": "Ledige nok til holdet",
    "D8": "Ledelsen prioriterer regionale fora",
    "D9": "Ledelsen bakker op",
    "D10": "Politisk opbakning",
    "D11": "80 % driftsrefusion",
    "tilfredshed": "Samlet tilfredshed",
    "kommentar": "Kommentarer",
}


def navngiv(apps, schema_editor):
    Spoergsmaal = apps.get_model("kursuskob", "Spoergsmaal")
    skabelon = Spoergsmaal.objects.filter(sektion__skema__skabelon=True)
    tekster = dict(skabelon.values_list("kode", "tekst"))
    for kode, navn in KORTE_NAVNE.items():
        if kode in tekster:
            # A copy whose wording was changed keeps its own (empty) short name.
            Spoergsmaal.objects.filter(kode=kode, tekst=tekster[kode], kort_tekst="").update(
                kort_tekst=navn
            )


opret = navngiv  # the name tests/conftest.py's REFERENCEDATA calls after a flush


class Migration(migrations.Migration):
    dependencies = [("kursuskob", "0005_spoergeskema_ejes_af_jobcenter")]

    operations = [
        migrations.AddField(
            model_name="spoergsmaal",
            name="kort_tekst",
            field=models.CharField(
                blank=True,
                help_text="Står på indsatskortet og i resultaterne, fx »Lav ledighed«. Uden et "
                "kort navn bruges spørgsmålets begyndelse.",
                max_length=40,
                verbose_name="kort navn",
            ),
        ),
        migrations.RunPython(navngiv, migrations.RunPython.noop),
    ]
