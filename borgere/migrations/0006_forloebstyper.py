"""The company-based forløb types with their usual length; administrators can add more."""

from django.db import migrations

TYPER = [
    ("virksomhedspraktik", "Virksomhedspraktik", True, 13),
    ("loentilskud-privat", "Løntilskud, privat", True, 26),
    ("loentilskud-offentlig", "Løntilskud, offentlig", True, 26),
]


def opret(apps, schema_editor):
    Forloebstype = apps.get_model("borgere", "Forloebstype")
    for kode, navn, aktivering, uger in TYPER:
        Forloebstype.objects.update_or_create(
            kode=kode,
            defaults={"navn": navn, "virksomhedsaktivering": aktivering, "maks_uger": uger},
        )


class Migration(migrations.Migration):
    dependencies = [("borgere", "0005_praktikforloeb")]
    operations = [migrations.RunPython(opret, migrations.RunPython.noop)]
