"""Issue 15, item 2: every import type can run from the page. An operator outside any jobcentre
(importing jobcentres, say) starts runs without a jobcentre, and a type's parameter (a survey
round) is kept with the run."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("borgere", "0024_forloebsopgavers_art_fra_opgaven"),
        ("jobcenter", "0003_beregning_startet"),
    ]

    operations = [
        migrations.AddField(
            model_name="importkoersel",
            name="parametre",
            field=models.JSONField(blank=True, default=dict, verbose_name="parametre"),
        ),
        migrations.AlterField(
            model_name="importkoersel",
            name="jobcenter",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                to="jobcenter.jobcenter",
            ),
        ),
    ]
