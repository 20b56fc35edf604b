"""Issue 13, finding 7 a: the kick-off mail with a course title that holds line breaks, and a
kick-off that is recorded as sent only once the mail has gone."""

import smtplib

import pytest
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from .. import services
from ..tasks import send_meddelelse

pytestmark = pytest.mark.django_db

KICKOFF = "Kick-off-beskeden er sendt"


def punkt(kob, tekst: str):
    return next(
        p
        for p in services.tjekliste(kob, services.pladsregnskab(kob), timezone.localdate())
        if p.tekst == tekst
    )


def test_it_sends_the_kickoff_of_a_course_whose_title_has_line_breaks(
    client_for, kob, kollega, mailoutbox, django_capture_on_commit_callbacks
):
    kollega.email = "tovholder@aarhus.example"
    kollega.save()
    kob.hold.kursus.titel = "Maskinføring\r\nBcc: alle@fremmed.example\nX"
    kob.hold.kursus.save()
    url = reverse("kursuskob:handling", args=[kob.pk, "kickoff"])
    with django_capture_on_commit_callbacks(execute=True):
        svar = client_for(kollega).post(url)
    assert svar.status_code == 302
    (mail,) = mailoutbox
    assert mail.subject.startswith("Kick-off: Maskinføring Bcc: alle@fremmed.example X starter")
    assert "\n" not in mail.subject and "\r" not in mail.subject
    assert mail.bcc == [] and mail.to == ["tovholder@aarhus.example"]
    assert kob.meddelelser.get().sendt is not None


def test_it_records_the_kickoff_as_sent_only_once_the_mail_has_gone(kob, kollega, monkeypatch):
    kollega.email = "tovholder@aarhus.example"
    kollega.save()

    def smtp_nede(self, fail_silently=False):
        raise smtplib.SMTPException("forbindelsen blev afvist")

    monkeypatch.setattr(EmailMessage, "send", smtp_nede)
    meddelelse = services.opret_kickoff(bruger=kollega, kob=kob)
    with pytest.raises(smtplib.SMTPException):
        send_meddelelse(meddelelse.pk)
    meddelelse.refresh_from_db()
    assert meddelelse.sendt is None
    assert not punkt(kob, KICKOFF).opfyldt
    monkeypatch.undo()
    send_meddelelse(meddelelse.pk)
    meddelelse.refresh_from_db()
    assert meddelelse.sendt is not None
    assert punkt(kob, KICKOFF).opfyldt
