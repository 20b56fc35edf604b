"""Issue 17: each row's time of last change, so a system can sync with `aendret_efter`. The
existing rows get the time of the migration (Django fills an auto_now column with now)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kursuskob', '0007_diagram'),
    ]

    operations = [
        migrations.AddField(
            model_name='tilmelding',
            name='opdateret',
            field=models.DateTimeField(auto_now=True, db_index=True, verbose_name='opdateret'),
        ),
    ]
