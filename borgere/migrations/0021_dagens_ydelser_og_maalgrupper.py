"""Today's benefits and target groups, with the years each applies, beside the sources' older
ones (kept for the periods and campaigns of their time, such as Virksomhedscenterkampagnen on
matchgruppe 2). The visitation categories jobparat, aktivitetsparat and uddannelsesparat
replaced the matchgrupper on 1 January 2014 (kontanthjælpsreformen); starthjælp ended with 2011,
and integrationsydelsen became selvforsørgelses- og hjemrejseydelse and overgangsydelse on
1 July 2019. Operators add new ones in the admin when the law changes."""

import datetime

from django.db import migrations

d = datetime.date

YDELSER = [
    ("kontanthjaelp", "Kontanthjælp", None, None),
    ("uddannelseshjaelp", "Uddannelseshjælp", d(2014, 1, 1), None),
    ("dagpenge", "Dagpenge", None, None),
    ("sygedagpenge", "Sygedagpenge", None, None),
    ("ledighedsydelse", "Ledighedsydelse", None, None),
    ("ressourceforloebsydelse", "Ressourceforløbsydelse", d(2013, 1, 1), None),
    ("revalideringsydelse", "Revalideringsydelse", None, None),
    ("selvforsoergelsesydelse", "Selvforsørgelses- og hjemrejseydelse", d(2019, 7, 1), None),
    ("overgangsydelse", "Overgangsydelse", d(2019, 7, 1), None),
    ("starthjaelp", "Starthjælp", d(2002, 7, 1), d(2011, 12, 31)),
    ("integrationsydelse", "Integrationsydelse", d(2015, 9, 1), d(2019, 6, 30)),
]
MAALGRUPPER = [
    ("jobparat", "Jobparat", d(2014, 1, 1), None),
    ("aktivitetsparat", "Aktivitetsparat", d(2014, 1, 1), None),
    ("uddannelsesparat", "Uddannelsesparat", d(2014, 1, 1), None),
    ("forsikret-ledig", "Forsikret ledig (dagpenge)", None, None),
    ("sygemeldt", "Sygemeldt (sygedagpenge)", None, None),
    ("ressourceforloeb", "I ressourceforløb", d(2013, 1, 1), None),
    ("jobafklaringsforloeb", "I jobafklaringsforløb", d(2014, 7, 1), None),
    ("fleksjobvisiteret", "Visiteret til fleksjob", None, None),
    ("revalidend", "Revalidend", None, None),
    ("matchgruppe-1", "Matchgruppe 1 (jobklar)", d(2009, 1, 1), d(2013, 12, 31)),
    ("matchgruppe-2", "Matchgruppe 2 (indsatsklar)", d(2009, 1, 1), d(2013, 12, 31)),
    ("matchgruppe-3", "Matchgruppe 3 (midlertidigt passiv)", d(2009, 1, 1), d(2013, 12, 31)),
]


def opret(apps, schema_editor):
    for model, rows in (("Ydelsestype", YDELSER), ("Maalgruppe", MAALGRUPPER)):
        Model = apps.get_model("borgere", model)
        for kode, navn, fra, til in rows:
            Model.objects.update_or_create(
                kode=kode, defaults={"navn": navn, "gyldig_fra": fra, "gyldig_til": til}
            )


class Migration(migrations.Migration):
    dependencies = [("borgere", "0020_gyldighed")]
    operations = [migrations.RunPython(opret, migrations.RunPython.noop)]
