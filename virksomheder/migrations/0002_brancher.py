"""Danmarks Statistik's DB07 sections as the starting list of brancher."""

from django.db import migrations

BRANCHER = [
    ("A", "Landbrug, skovbrug og fiskeri"),
    ("B", "Råstofindvinding"),
    ("C", "Industri"),
    ("D", "Energiforsyning"),
    ("E", "Vandforsyning og renovation"),
    ("F", "Bygge og anlæg"),
    ("G", "Handel"),
    ("H", "Transport"),
    ("I", "Hoteller og restauranter"),
    ("J", "Information og kommunikation"),
    ("K", "Finansiering og forsikring"),
    ("L", "Ejendomshandel og udlejning"),
    ("M", "Videnservice"),
    ("N", "Rejsebureauer, rengøring og anden operationel service"),
    ("O", "Offentlig administration, forsvar og politi"),
    ("P", "Undervisning"),
    ("Q", "Sundhed og socialvæsen"),
    ("R", "Kultur og fritid"),
    ("S", "Andre serviceydelser"),
    ("T", "Private husholdninger med ansat medhjælp"),
    ("U", "Eksterritoriale organisationer"),
]


def opret(apps, schema_editor):
    Branche = apps.get_model("virksomheder", "Branche")
    for kode, navn in BRANCHER:
        Branche.objects.update_or_create(kode=kode, defaults={"navn": navn})


class Migration(migrations.Migration):
    dependencies = [("virksomheder", "0001_initial")]
    operations = [migrations.RunPython(opret, migrations.RunPython.noop)]
