from django.db import migrations, models


class Migration(migrations.Migration):
    """A forløb's task kinds move to the citizens' side (borgere 0023 moves the rows); the
    company side keeps one neutral kind for a task that an app above gave."""

    dependencies = [
        ("virksomheder", "0004_forloebsopgaver"),
    ]

    operations = [
        migrations.AlterField(
            model_name="opgave",
            name="art",
            field=models.CharField(
                choices=[
                    ("manuel", "Opgave"),
                    ("naeste_skridt", "Næste skridt efter kontakt"),
                    ("moedetilbud", "Tilbyd et personligt møde"),
                    ("evaluering", "Årlig evaluering af aftale"),
                    ("udloeb", "Aftale udløber"),
                    ("fra_anden_del", "Opgave fra en anden del"),
                ],
                default="manuel",
                max_length=20,
                verbose_name="art",
            ),
        ),
    ]
