"""On PostgreSQL the database itself refuses two overlapping periods of one kind for one citizen
(an exclusion constraint over the date range). SQLite, the embedded default, relies on the
models' clean()."""

from django.db import migrations

TABELLER = ["borgere_ydelsesperiode", "borgere_maalgruppeperiode"]


def tilfoej(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for tabel in TABELLER:
        schema_editor.execute(
            f"ALTER TABLE {tabel} ADD CONSTRAINT {tabel}_ingen_overlap "
            "EXCLUDE USING gist (borger_id WITH =, daterange(fra, til, '[]') WITH &&)"
        )


def fjern(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel in TABELLER:
        schema_editor.execute(f"ALTER TABLE {tabel} DROP CONSTRAINT {tabel}_ingen_overlap")


class Migration(migrations.Migration):
    dependencies = [("borgere", "0002_ydelser_og_maalgrupper")]
    operations = [migrations.RunPython(tilfoej, fjern)]
