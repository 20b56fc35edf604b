"""The benefits and target groups the sources name; administrators can add more."""

from django.db import migrations

YDELSER = [
    ("kontanthjaelp", "Kontanthjælp"),
    ("starthjaelp", "Starthjælp"),
    ("uddannelseshjaelp", "Uddannelseshjælp"),
    ("dagpenge", "Dagpenge"),
    ("sygedagpenge", "Sygedagpenge"),
    ("ledighedsydelse", "Ledighedsydelse"),
]
MAALGRUPPER = [
    ("matchgruppe-1", "Matchgruppe 1 (jobklar)"),
    ("matchgruppe-2", "Matchgruppe 2 (indsatsklar)"),
    ("matchgruppe-3", "Matchgruppe 3 (midlertidigt passiv)"),
]


def opret(apps, schema_editor):
    for model, rows in (("Ydelsestype", YDELSER), ("Maalgruppe", MAALGRUPPER)):
        Model = apps.get_model("borgere", model)
        for kode, navn in rows:
            Model.objects.update_or_create(kode=kode, defaults={"navn": navn})


class Migration(migrations.Migration):
    dependencies = [("borgere", "0001_initial")]
    operations = [migrations.RunPython(opret, migrations.RunPython.noop)]
