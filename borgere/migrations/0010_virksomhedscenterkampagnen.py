"""Virksomhedscenterkampagnen 2009–2011 as a ready definition (N p.1): Mål 1, 9 000
kontant- og starthjælpsmodtagere i matchgruppe 2 i virksomhedspraktik eller løntilskud; Mål 2,
20 % af dem selvforsørgende 4 uger efter afsluttet forløb. The start month is not in the
sources ("sidste halvdel af 2009"); 1 July 2009 is used. Targets per jobcentre are imported
(`manage.py importer maaltal`); Aarhus's 520 is the only one the sources state."""

import datetime

from django.db import migrations


def opret(apps, schema_editor):
    Kampagne = apps.get_model("borgere", "Kampagne")
    Maal = apps.get_model("borgere", "Maal")
    Maaltal = apps.get_model("borgere", "Maaltal")
    Forloebstype = apps.get_model("borgere", "Forloebstype")
    Ydelsestype = apps.get_model("borgere", "Ydelsestype")
    Maalgruppe = apps.get_model("borgere", "Maalgruppe")

    kampagne, _ = Kampagne.objects.update_or_create(
        kode="virksomhedscenterkampagnen",
        defaults={
            "navn": "Virksomhedscenterkampagnen",
            "start": datetime.date(2009, 7, 1),
            "slut": datetime.date(2011, 6, 30),
            "beskrivelse": "At arbejdsudbuddet for personer langt fra arbejdsmarkedet øges "
            "gennem jobcentrenes etablering af virksomhedscentre.",
        },
    )
    typer = Forloebstype.objects.filter(virksomhedsaktivering=True)
    ydelser = Ydelsestype.objects.filter(kode__in=["kontanthjaelp", "starthjaelp"])
    match2 = Maalgruppe.objects.filter(kode="matchgruppe-2")
    for raekkefoelge, (kode, navn, art, landsmaal) in enumerate(
        [
            ("maal-1", "Mål 1: virksomhedsaktiverede", "bestand", 9000),
            ("maal-2", "Mål 2: selvforsørgende 4 uger efter", "andel", "0.20"),
        ],
        start=1,
    ):
        maal, _ = Maal.objects.update_or_create(
            kampagne=kampagne,
            kode=kode,
            defaults={"navn": navn, "art": art, "raekkefoelge": raekkefoelge},
        )
        maal.forloebstyper.set(typer)
        maal.ydelser.set(ydelser)
        maal.maalgrupper.set(match2)
        maal.offentlige_ydelser.set(Ydelsestype.objects.all())
        Maaltal.objects.update_or_create(maal=maal, jobcenter=None, defaults={"vaerdi": landsmaal})


class Migration(migrations.Migration):
    dependencies = [("borgere", "0009_kampagner")]
    operations = [migrations.RunPython(opret, migrations.RunPython.noop)]
