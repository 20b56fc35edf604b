from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("borgere", "0022_maalart_fra_registret"),
    ]

    operations = [
        migrations.AddField(
            model_name="forloebsopgave",
            name="art",
            field=models.CharField(
                choices=[
                    ("forloeb_afbrudt", "Følg op på afbrudt forløb"),
                    ("status_4_uger", "Status 4 uger efter forløb"),
                ],
                # Only for the rows that exist; 0023 sets each from its task.
                default="status_4_uger",
                max_length=20,
                verbose_name="art",
            ),
            preserve_default=False,
        ),
    ]
