"""On PostgreSQL the database itself refuses two forløb in one place with overlapping dates
(from the start to the actual, else the planned, end; an open end runs on)."""

from django.db import migrations


def tilfoej(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE borgere_praktikforloeb ADD CONSTRAINT praktikforloeb_plads_ingen_overlap "
        "EXCLUDE USING gist (plads_id WITH =, "
        "daterange(start, COALESCE(faktisk_slut, planlagt_slut), '[]') WITH &&) "
        "WHERE (plads_id IS NOT NULL)"
    )


def fjern(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE borgere_praktikforloeb DROP CONSTRAINT praktikforloeb_plads_ingen_overlap"
    )


class Migration(migrations.Migration):
    dependencies = [("borgere", "0006_forloebstyper")]
    operations = [migrations.RunPython(tilfoej, fjern)]
