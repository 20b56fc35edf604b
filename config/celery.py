"""The Celery app and the beat schedule. Every scheduled job is also a management command."""

import datetime
import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("jobcenter")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Nightly after the case system's exports have been imported: the number of citizens on each
    # benefit per jobcentre, read by the key-figure page (`manage.py beregn_ydelsesbestand`).
    "beregn-ydelsesbestand": {
        "task": "borgere.tasks.beregn_ydelsesbestand",
        "schedule": crontab(hour=2, minute=30),
    },
    # Nightly after the key figures: every running campaign's goals for today, one task per
    # campaign (`manage.py beregn_maal KAMPAGNE`).
    "beregn-maal": {
        "task": "borgere.tasks.beregn_alle_maal",
        "schedule": crontab(hour=3, minute=0),
    },
    # The course dashboard's figures for every jobcentre, network and the country
    # (`manage.py beregn_kursusnoegletal`).
    "beregn-kursusnoegletal": {
        "task": "kursuskob.tasks.beregn_kursusnoegletal",
        "schedule": crontab(hour=3, minute=30),
    },
    # After the key figures and the goals, »Hvad virker«'s two computations at once, so a worker
    # with two processes (one per core by default) runs them side by side: outcomes per effort
    # (forløbstype, virksomhedscenter, course, company, screening category;
    # `manage.py beregn_udfald`) and the Kaplan–Meier curves of time to self-support with their
    # log-rank tests (`manage.py beregn_overlevelse`), per jobcentre and nationally.
    "beregn-udfald": {
        "task": "virkning.tasks.beregn_udfald",
        "schedule": crontab(hour=3, minute=45),
    },
    "beregn-overlevelse": {
        "task": "virkning.tasks.beregn_overlevelse",
        "schedule": crontab(hour=3, minute=45),
    },
    # Then every running controlled trial draws the citizens who entered its window since the
    # benefit and target-group imports (`manage.py traek_lod [--dato ÅÅÅÅ-MM-DD]`).
    "traek-lod": {
        "task": "virkning.tasks.traek_lod",
        "schedule": crontab(hour=3, minute=55),
    },
    # Retention: citizens without activity for BEVARING_DAGE are anonymised, once the operators
    # have switched BEVARING_AKTIV on after reading the dry-run report
    # (`manage.py anonymiser_inaktive [--udfoer]`).
    "anonymiser-inaktive": {
        "task": "borgere.tasks.anonymiser_inaktive",
        "schedule": crontab(hour=4, minute=0),
    },
    # The access log older than ADGANGSLOG_DAGE is deleted (`manage.py ryd_adgangslog`).
    "ryd-adgangslog": {
        "task": "borgere.tasks.ryd_adgangslog",
        "schedule": crontab(hour=4, minute=15),
    },
    # The API's Idempotency-Keys older than API_IDEMPOTENS_TIMER hours are deleted
    # (`manage.py ryd_idempotensnoegler`).
    "ryd-idempotensnoegler": {
        "task": "api.tasks.ryd_idempotensnoegler",
        "schedule": crontab(hour=4, minute=30),
    },
    # The API's deletion feed forgets deletions older than API_SLETNINGER_DAGE days
    # (`manage.py ryd_sletninger`).
    "ryd-sletninger": {
        "task": "api.tasks.ryd_sletninger",
        "schedule": crontab(hour=4, minute=35),
    },
    # Each morning before work: tasks for agreements whose annual evaluation or expiry is near,
    # and expired agreements marked so (`manage.py opret_aftaleopgaver`).
    "opret-aftaleopgaver": {
        "task": "virksomheder.tasks.opret_aftaleopgaver",
        "schedule": crontab(hour=5, minute=30),
    },
    # Then overdue tasks are marked and every owner gets one e-mail with the day's tasks
    # (`manage.py send_opgaveoversigt`).
    "send-opgaveoversigt": {
        "task": "virksomheder.tasks.send_opgaveoversigt",
        "schedule": crontab(hour=6, minute=0),
    },
    # Survey rounds: leaders of jobcentres that have not answered are reminded a week and a day
    # before the deadline (`manage.py send_paamindelser`).
    "send-paamindelser": {
        "task": "kursuskob.tasks.send_paamindelser",
        "schedule": crontab(hour=7, minute=0),
    },
    # After the task overview: tovholdere of classes that will miss their minimum by the
    # enrolment deadline are warned, once per purchase (`manage.py advar_om_minimum`).
    "advar-om-minimum": {
        "task": "kursuskob.tasks.advar_om_minimum",
        "schedule": crontab(hour=6, minute=15),
    },
}


@app.on_after_configure.connect
def _planlaeg_ryd_importer(sender: Celery, **kwargs) -> None:
    """Every RYD_IMPORTER_SEKUNDER (10 minutes): an import run whose worker died or hit the hard
    time limit is marked failed, and the files of ended runs are deleted (`manage.py
    ryd_importer`). Added once the settings are loaded, as the interval is one of them."""
    from django.conf import settings

    sender.conf.beat_schedule["ryd-importer"] = {
        "task": "borgere.tasks.ryd_importer",
        "schedule": datetime.timedelta(seconds=settings.RYD_IMPORTER_SEKUNDER),
    }
