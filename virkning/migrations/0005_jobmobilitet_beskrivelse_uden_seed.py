"""The national screening template's description said »(VidensLaboratoriet, seed 000)«, the
project's name for its source document, which means nothing to a consultant. Replace that phrase
wherever it was copied to."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace

GAMMEL = "(VidensLaboratoriet, seed 000)"
NY = "(efter VidensLaboratoriet)"


def ret(apps, schema_editor):
    Instrument = apps.get_model("virkning", "Instrument")
    Instrument.objects.filter(beskrivelse__contains=GAMMEL).update(
        beskrivelse=Replace("beskrivelse", Value(GAMMEL), Value(NY))
    )


class Migration(migrations.Migration):
    dependencies = [("virkning", "0004_udfald")]

    operations = [migrations.RunPython(ret, migrations.RunPython.noop)]
