import datetime
from decimal import Decimal
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from borgere.models import (
    Adgangslog,
    Forloebstype,
    Handling,
    Maalgruppeperiode,
    Praktikforloeb,
    Trin,
)
from borgere.tests.factories import BorgerFactory, maalgruppe
from jobcenter.paneler import tavler
from virksomheder.tests.factories import VirksomhedFactory

from ..models import Art, Del, Instrument, Maaling, Screeningsbetingelse, Screeningskategori
from ..services import maaling as services
from .factories import IndikatorFactory, InstrumentFactory, MaalingFactory

IDAG = datetime.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def _kun_testens_instrumenter(db):
    """The national templates shipped by the data migration cover every target group; here
    each test's own instruments are the only ones in use."""
    Instrument.objects.filter(jobcenter__isnull=True).update(aktiv=False)


def test_the_shipped_templates_fall_due_for_every_target_group(konsulent):
    Instrument.objects.filter(jobcenter__isnull=True).update(aktiv=True)
    borger = i_maalgruppen(konsulent.jobcenter, datetime.date(2026, 9, 1))
    koder = {
        (r.borger.pk, r.instrument.kode, r.frist)
        for r in services.raekker(
            services.forfaldne(jobcenter_id=konsulent.jobcenter_id, idag=IDAG, konsulent=None),
            idag=IDAG,
        )
    }
    assert koder == {
        (borger.pk, "progression", datetime.date(2026, 9, 15)),
        (borger.pk, "jobmobilitet", datetime.date(2026, 9, 15)),
    }


def idag():
    return timezone.localdate()


def progression(ejer, kode="progression", **felter):
    instrument = InstrumentFactory(oprettet_af=ejer, navn="Progressionsmåling", kode=kode, **felter)
    IndikatorFactory(
        instrument=instrument,
        kode="jobtro",
        formulering="Hvor sikker er du på at få et job?",
        label_min="Slet ikke",
        label_max="Helt sikker",
    )
    IndikatorFactory(
        instrument=instrument,
        kode="parathed",
        stilles_til=Del.KONSULENT,
        formulering="Hvor parat er borgeren til job?",
        label_min="Langt fra",
        label_max="Helt parat",
    )
    return instrument


def screening(ejer, **felter):
    """Two dimensions; »Tæt på job« if neither is low, »Brug for støtte« if the professional
    one is below 3, as the rules (data) say."""
    instrument = InstrumentFactory(
        oprettet_af=ejer,
        navn="Screening",
        kode="screening",
        art=Art.SCREENING,
        interval_uger=None,
        **felter,
    )
    IndikatorFactory(instrument=instrument, kode="faglig", dimension="Faglige kvalifikationer")
    IndikatorFactory(
        instrument=instrument,
        kode="mobilitet",
        dimension="Mobilitet",
        stilles_til=Del.KONSULENT,
    )
    stoette = Screeningskategori.objects.create(
        instrument=instrument, navn="Brug for støtte", raekkefoelge=1
    )
    Screeningsbetingelse.objects.create(
        kategori=stoette, dimension="Faglige kvalifikationer", graense=Decimal("3")
    )
    Screeningskategori.objects.create(instrument=instrument, navn="Tæt på job", raekkefoelge=2)
    return instrument


def i_maalgruppen(jobcenter, fra, til=None, kode="matchgruppe-2", **felter):
    borger = BorgerFactory(jobcenter=jobcenter, **felter)
    Maalgruppeperiode.objects.create(borger=borger, maalgruppe=maalgruppe(kode), fra=fra, til=til)
    return borger


def forloeb(borger, konsulent, start):
    return Praktikforloeb.objects.create(
        borger=borger,
        virksomhed=VirksomhedFactory(),
        type=Forloebstype.objects.get(kode="virksomhedspraktik"),
        jobkonsulent=konsulent,
        start=start,
        trin=Trin.UNDERVEJS,
    )


def svar(instrument, *vaerdier):
    return {i.pk: v for i, v in zip(instrument.indikatorer.all(), vaerdier, strict=False)}


def felter(instrument, *vaerdier, **andet):
    data = {f"i{pk}": str(v) for pk, v in svar(instrument, *vaerdier).items()}
    return {"dato": idag().isoformat(), "tilhoerer": "", **data, **andet}


def frister(jobcenter, dag, **kw):
    return [
        (r.borger.pk, r.instrument.pk, r.frist, r.dage_over)
        for r in services.raekker(
            services.forfaldne(jobcenter_id=jobcenter.pk, idag=dag, **kw), idag=dag
        )
    ]


def test_a_consultant_takes_a_measurement_on_the_page_and_it_keeps_its_version(
    konsulent, client_for
):
    instrument = progression(konsulent, version=3)
    borger = i_maalgruppen(konsulent.jobcenter, datetime.date(2026, 1, 1))
    praktik = forloeb(borger, konsulent, datetime.date(2026, 3, 1))
    client = client_for(konsulent)
    url = reverse("virkning:maal", args=[borger.pk, instrument.pk])

    side = client.get(url).content.decode()
    assert "Borgerens svar" in side and "Konsulentens vurdering" in side
    assert "Hvor sikker er du på at få et job?" in side and "1 – Slet ikke" in side
    assert "5 – Helt parat" in side and f"forloeb-{praktik.pk}" in side

    svar_ = client.post(url, felter(instrument, 4, 2, tilhoerer=f"forloeb-{praktik.pk}"))
    assert svar_.status_code == 302 and svar_.url == borger.get_absolute_url()
    maaling = Maaling.objects.get(borger=borger)
    assert (maaling.instrument, maaling.instrument.version) == (instrument, 3)
    assert (maaling.dato, maaling.forloeb, maaling.udfyldt_af) == (idag(), praktik, konsulent)
    assert maaling.jobcenter == konsulent.jobcenter
    assert sorted(maaling.svar.values_list("indikator__kode", "vaerdi")) == [
        ("jobtro", 4),
        ("parathed", 2),
    ]
    # The form page, shown and posted, is in the citizen's access log each time.
    assert (
        Adgangslog.objects.filter(borger=borger, bruger=konsulent, handling=Handling.VIST).count()
        == 2
    )
    side = client.get(reverse("virkning:maaling", args=[maaling.pk])).content.decode()
    assert "Hvor parat er borgeren til job?" in side and "Helt sikker" in side


def test_the_national_screening_form_asks_the_consultant_only_and_speaks_no_project_jargon(
    konsulent, client_for
):
    """The screening has no citizen's part, so its form must not ask for the citizen's answers;
    its description once named the project's source file (»seed 000«)."""
    Instrument.objects.filter(jobcenter__isnull=True).update(aktiv=True)
    screening = Instrument.objects.get(jobcenter__isnull=True, kode="jobmobilitet")
    borger = i_maalgruppen(konsulent.jobcenter, datetime.date(2026, 1, 1))
    side = client_for(konsulent).get(reverse("virkning:maal", args=[borger.pk, screening.pk]))
    tekst = side.content.decode()
    assert "Udfyld din egen vurdering efter samtalen med borgeren." in tekst
    assert "borgerens svar" not in tekst.lower() and "seed" not in tekst
    assert "(efter VidensLaboratoriet)" in tekst
    # Its nine questions under their three dimensions' headings, each heading once.
    for dimension in (
        "Faglige kvalifikationer",
        "Personlige kompetencer og forandringsparathed",
        "Faglig og geografisk mobilitet",
    ):
        assert tekst.count(f">{dimension}</h4>") == 1


def test_the_migration_takes_the_project_jargon_out_of_installed_descriptions(konsulent):
    from django.apps import apps

    ret = import_module("virkning.migrations.0005_jobmobilitet_beskrivelse_uden_seed").ret
    kopi = InstrumentFactory(
        oprettet_af=konsulent, beskrivelse="Tre dimensioner (VidensLaboratoriet, seed 000): x."
    )
    andet = InstrumentFactory(oprettet_af=konsulent, beskrivelse="Jobcentrets egen tekst.")
    ret(apps, None)
    kopi.refresh_from_db()
    andet.refresh_from_db()
    assert kopi.beskrivelse == "Tre dimensioner (efter VidensLaboratoriet): x."
    assert andet.beskrivelse == "Jobcentrets egen tekst."


def test_a_screening_sorts_the_citizen_with_reasons_shown_on_the_citizen_page_and_due_list(
    konsulent, client_for
):
    instrument = screening(konsulent)
    progression(konsulent, frist_dage=0)
    borger = i_maalgruppen(konsulent.jobcenter, idag() - datetime.timedelta(days=30))
    forloeb(borger, konsulent, idag() - datetime.timedelta(days=20))
    client = client_for(konsulent)

    assert "Ikke screenet" in client.get(borger.get_absolute_url()).content.decode()
    client.post(reverse("virkning:maal", args=[borger.pk, instrument.pk]), felter(instrument, 2, 5))

    maaling = Maaling.objects.get(borger=borger, instrument=instrument)
    assert maaling.kategori.navn == "Brug for støtte"
    assert maaling.begrundelse == ["Faglige kvalifikationer: 2,0 (under 3,0)"]
    side = client.get(borger.get_absolute_url()).content.decode()
    assert "Brug for støtte" in side and "Faglige kvalifikationer: 2,0 (under 3,0)" in side
    assert "Ikke screenet" not in side
    liste = client.get(reverse("virkning:forfaldne")).content.decode()
    assert borger.navn in liste and borger.cpr_maskeret in liste and borger.cpr not in liste
    assert "Brug for støtte" in liste and "Faglige kvalifikationer: 2,0 (under 3,0)" in liste


def test_out_of_scale_and_forged_answers_are_refused_and_change_nothing(konsulent, client_for):
    instrument = progression(konsulent)
    andet = progression(konsulent, kode="andet")
    borger = i_maalgruppen(konsulent.jobcenter, datetime.date(2026, 1, 1))
    fremmed = andet.indikatorer.first()
    client = client_for(konsulent)
    url = reverse("virkning:maal", args=[borger.pk, instrument.pk])

    for data in (
        felter(instrument, 9),
        felter(instrument, "x"),
        {**felter(instrument), f"i{fremmed.pk}": "3"},
        felter(instrument, 3, dato=(idag() + datetime.timedelta(days=1)).isoformat()),
        felter(instrument, 3, dato="1999-01-01"),
        felter(instrument, 3, dato="x" * 5000),
    ):
        svar_ = client.post(url, data)
        assert svar_.status_code == 200, data
        assert "form-error" in svar_.content.decode() or "alert-error" in svar_.content.decode()
    assert not Maaling.objects.exists()

    for vaerdier in ({}, {fremmed.pk: 3}, svar(instrument, 0), svar(instrument, True)):
        with pytest.raises(ValidationError):
            services.registrer_maaling(
                bruger=konsulent,
                borger=borger,
                instrument=instrument,
                dato=idag(),
                vaerdier=vaerdier,
            )
    assert not Maaling.objects.exists()


def test_the_same_instrument_twice_on_one_day_gives_a_danish_error(konsulent, client_for):
    instrument = progression(konsulent)
    borger = i_maalgruppen(konsulent.jobcenter, datetime.date(2026, 1, 1))
    client = client_for(konsulent)
    url = reverse("virkning:maal", args=[borger.pk, instrument.pk])
    client.post(url, felter(instrument, 3))
    svar_ = client.post(url, felter(instrument, 4))
    assert "Borgeren har allerede en måling med Progressionsmåling" in svar_.content.decode()
    assert Maaling.objects.get().svar.get(indikator__kode="jobtro").vaerdi == 3


def test_another_jobcentres_citizen_forloeb_and_instrument_give_404_or_an_error(
    konsulent, outsider, client_for
):
    instrument = progression(konsulent)
    deres_instrument = progression(outsider, kode="aalborg")
    borger = i_maalgruppen(konsulent.jobcenter, datetime.date(2026, 1, 1))
    deres_borger = i_maalgruppen(outsider.jobcenter, datetime.date(2026, 1, 1))
    deres_forloeb = forloeb(deres_borger, outsider, datetime.date(2026, 3, 1))
    deres_maaling = MaalingFactory(borger=deres_borger, instrument=deres_instrument)

    client = client_for(konsulent)
    for url in (
        reverse("virkning:maal", args=[deres_borger.pk, instrument.pk]),
        reverse("virkning:maal", args=[borger.pk, deres_instrument.pk]),
        reverse("virkning:maaling", args=[deres_maaling.pk]),
        reverse("virkning:slet_maaling", args=[deres_maaling.pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, felter(instrument, 3)).status_code == 404, url
    svar_ = client.post(
        reverse("virkning:maal", args=[borger.pk, instrument.pk]),
        felter(instrument, 3, tilhoerer=f"forloeb-{deres_forloeb.pk}"),
    )
    assert svar_.status_code == 200 and "form-error" in svar_.content.decode()
    assert Maaling.objects.filter(borger=borger).count() == 0
    assert Maaling.objects.filter(pk=deres_maaling.pk).exists()
    with pytest.raises(ValidationError):
        services.registrer_maaling(
            bruger=konsulent,
            borger=borger,
            instrument=instrument,
            dato=idag(),
            vaerdier=svar(instrument, 3),
            forloeb=deres_forloeb,
        )


def test_the_first_measurement_falls_due_after_entering_then_every_interval_until_leaving(
    konsulent,
):
    jc = konsulent.jobcenter
    instrument = progression(konsulent, frist_dage=14, interval_uger=13)
    instrument.maalgrupper.set([maalgruppe("matchgruppe-2")])
    kommer = i_maalgruppen(jc, datetime.date(2026, 9, 1))
    udenfor = i_maalgruppen(jc, datetime.date(2026, 9, 1), kode="matchgruppe-1")
    gaaet = i_maalgruppen(jc, datetime.date(2026, 6, 1), til=datetime.date(2026, 9, 20))

    # Before entering, nothing for the newcomer (the other has been due since 15-06); on
    # 10-09 due within 14 days (01-09 + 14); overdue on 01-10.
    assert frister(jc, datetime.date(2026, 8, 31), konsulent=None) == [
        (gaaet.pk, instrument.pk, datetime.date(2026, 6, 15), 77)
    ]
    assert frister(jc, datetime.date(2026, 9, 10), konsulent=None) == [
        (gaaet.pk, instrument.pk, datetime.date(2026, 6, 15), 87),
        (kommer.pk, instrument.pk, datetime.date(2026, 9, 15), -5),
    ]
    # Left the target group on 20-09: nothing due for them on 01-10, though never measured.
    assert frister(jc, IDAG, konsulent=None) == [
        (kommer.pk, instrument.pk, datetime.date(2026, 9, 15), 16)
    ]
    assert services.antal_forfaldne(jobcenter_id=jc.pk, idag=IDAG) == 1
    # Measured on 20-09 (with an older version of the code): next due 13 weeks later.
    forrige = InstrumentFactory(oprettet_af=konsulent, kode="progression", version=0, aktiv=False)
    MaalingFactory(borger=kommer, instrument=forrige, dato=datetime.date(2026, 9, 20))
    assert frister(jc, IDAG, konsulent=None) == []
    dag = datetime.date(2026, 12, 15)
    assert frister(jc, dag, konsulent=None) == [
        (kommer.pk, instrument.pk, datetime.date(2026, 12, 20), -5)
    ]
    assert services.naeste_frister(borger=kommer, idag=dag) == [
        (instrument, datetime.date(2026, 12, 20))
    ]
    assert services.naeste_frister(borger=udenfor, idag=dag) == []
    assert services.naeste_frister(borger=gaaet, idag=dag) == []


def test_a_measurement_from_before_the_current_period_does_not_count_and_once_means_once(
    konsulent,
):
    jc = konsulent.jobcenter
    instrument = screening(konsulent, frist_dage=7)
    borger = i_maalgruppen(jc, datetime.date(2026, 9, 1))
    MaalingFactory(borger=borger, instrument=instrument, dato=datetime.date(2026, 8, 1))
    assert frister(jc, IDAG, konsulent=None) == [
        (borger.pk, instrument.pk, datetime.date(2026, 9, 8), 23)
    ]
    MaalingFactory(borger=borger, instrument=instrument, dato=datetime.date(2026, 9, 5))
    assert frister(jc, datetime.date(2027, 6, 1), konsulent=None) == []


def test_the_due_list_shows_mine_by_default_and_logs_the_citizens_it_shows(
    konsulent, kollega, outsider, client_for
):
    progression(konsulent, frist_dage=0)
    start = idag() - datetime.timedelta(days=30)
    min_borger = i_maalgruppen(konsulent.jobcenter, start, fornavn="Minna")
    forloeb(min_borger, konsulent, start)
    maalt = i_maalgruppen(konsulent.jobcenter, start - datetime.timedelta(days=200), fornavn="Mads")
    MaalingFactory(
        borger=maalt,
        instrument=progression(konsulent, kode="gammel", aktiv=False),
        dato=idag() - datetime.timedelta(days=100),
        udfyldt_af=konsulent,
    )
    andres = i_maalgruppen(konsulent.jobcenter, start, fornavn="Anders")
    forloeb(andres, kollega, start)
    i_maalgruppen(outsider.jobcenter, start, fornavn="Aalborgborger")

    client = client_for(konsulent)
    url = reverse("virkning:forfaldne")
    mine = client.get(url).content.decode()
    assert "Minna" in mine and "Mads" in mine and "Anders" not in mine
    # A filter with a default, not an optional answer.
    assert "(frivilligt)" not in mine
    assert set(
        Adgangslog.objects.filter(bruger=konsulent, handling=Handling.LISTE).values_list(
            "borger_id", flat=True
        )
    ) == {min_borger.pk, maalt.pk}
    alle = client.get(url, {"hvem": "alle"}).content.decode()
    assert "Anders" in alle and "Minna" in alle and "Aalborgborger" not in alle
    kollegas = client.get(url, {"hvem": str(kollega.pk)}).content.decode()
    assert "Anders" in kollegas and "Minna" not in kollegas
    # An outsider's pk is no choice: the list falls back to the user's own.
    fremmed = client.get(url, {"hvem": str(outsider.pk)})
    assert fremmed.status_code == 200 and "Anders" not in fremmed.content.decode()
    assert "Ingen målinger forfalder" in client_for(outsider).get(url).content.decode()


def test_the_leaders_tiles_count_overdue_measurements_and_the_share_screened(
    leder, konsulent, client_for, rf
):
    start = idag() - datetime.timedelta(days=60)
    instrument = screening(konsulent, frist_dage=14)
    a, b, c = (i_maalgruppen(konsulent.jobcenter, start) for _ in range(3))
    MaalingFactory(borger=a, instrument=instrument, dato=start + datetime.timedelta(days=3))
    MaalingFactory(borger=b, instrument=instrument, dato=start - datetime.timedelta(days=3))
    i_maalgruppen(konsulent.jobcenter, idag() - datetime.timedelta(days=3))  # not yet due

    request = rf.get("/")
    request.user = leder
    fundet = {t.titel: t for t in tavler(request)}
    forfaldne = fundet["Målinger, der er forfaldne"]
    assert forfaldne.tal == "2" and forfaldne.advarsel
    assert forfaldne.url == reverse("virkning:forfaldne") + "?hvem=alle"
    screenet = fundet["Screenet af målgruppen"]
    assert screenet.tal == "25 %"
    assert screenet.tekst.startswith("1 af 4 borgere")
    assert c.navn not in screenet.tekst


def test_the_leaders_screening_tile_says_when_there_is_no_screening_instrument(leder, rf):
    request = rf.get("/")
    request.user = leder
    fundet = {t.titel: t for t in tavler(request)}
    assert fundet["Screenet af målgruppen"].tal == "–"
    assert fundet["Målinger, der er forfaldne"].tal == "0"


def test_the_one_who_took_a_measurement_deletes_it_after_confirming_and_a_colleague_cannot(
    konsulent, kollega, leder, client_for
):
    instrument = progression(konsulent)
    borger = i_maalgruppen(konsulent.jobcenter, datetime.date(2026, 1, 1))
    maaling = services.registrer_maaling(
        bruger=konsulent,
        borger=borger,
        instrument=instrument,
        dato=idag(),
        vaerdier=svar(instrument, 3, 3),
    )
    url = reverse("virkning:slet_maaling", args=[maaling.pk])
    assert client_for(kollega).post(url).status_code == 403
    client = client_for(konsulent)
    assert "Det kan ikke fortrydes" in client.get(url).content.decode()
    assert Maaling.objects.filter(pk=maaling.pk).exists()
    assert client.post(url).url == borger.get_absolute_url()
    assert not Maaling.objects.filter(pk=maaling.pk).exists()


def test_a_jobcentres_own_copy_replaces_the_national_template_of_the_same_code(konsulent):
    national = Instrument.objects.get(jobcenter=None, kode="progression")
    Instrument.objects.filter(pk=national.pk).update(aktiv=True)
    assert list(Instrument.objects.i_brug(jobcenter_id=konsulent.jobcenter_id)) == [national]
    egen = progression(konsulent)
    assert list(Instrument.objects.i_brug(jobcenter_id=konsulent.jobcenter_id)) == [egen]
    borger = i_maalgruppen(konsulent.jobcenter, datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError, match="ikke i brug"):
        services.registrer_maaling(
            bruger=konsulent,
            borger=borger,
            instrument=national,
            dato=idag(),
            vaerdier=svar(national, 3),
        )


def test_the_leaders_front_page_shows_the_tiles_without_naming_a_citizen(
    leder, konsulent, client_for
):
    screening(konsulent, frist_dage=0)
    borger = i_maalgruppen(konsulent.jobcenter, idag() - datetime.timedelta(days=5))
    side = client_for(leder).get(reverse("forside")).content.decode()
    assert "Målinger, der er forfaldne" in side and "Screenet af målgruppen" in side
    assert "0 af 1 borgere" in side and borger.navn not in side


def test_the_due_list_takes_as_many_queries_for_many_citizens_as_for_few(konsulent, client_for):
    progression(konsulent, frist_dage=0)
    instrument = screening(konsulent, frist_dage=0)
    start = idag() - datetime.timedelta(days=30)
    client = client_for(konsulent)

    def antal():
        with CaptureQueriesContext(connection) as fanget:
            side = client.get(reverse("virkning:forfaldne"), {"hvem": "alle"})
        assert side.status_code == 200
        return len(fanget), side.content.decode().count("Tag målingen")

    borger = i_maalgruppen(konsulent.jobcenter, start)
    MaalingFactory(borger=borger, instrument=instrument, dato=start + datetime.timedelta(days=1))
    foer, raekker_foer = antal()
    for _ in range(12):
        MaalingFactory(
            borger=i_maalgruppen(konsulent.jobcenter, start),
            instrument=instrument,
            dato=start + datetime.timedelta(days=2),
        )
    efter, raekker_efter = antal()
    assert (raekker_foer, raekker_efter) == (1, 13)
    assert efter == foer
