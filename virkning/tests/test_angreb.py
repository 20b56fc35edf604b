"""Attacks from another jobcentre (helper h11): jobcentre A's staff and the analytiker against
jobcentre B's citizens, measurements, trials and small figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import Beregning, Rolle
from jobcenter.tests.factories import BrugerFactory, JobcenterFactory
from virkning.models import Gruppeart, Gruppering, Indsatsudfald, Overlevelseskurve, StartArt

DATO = datetime.date(2026, 6, 30)
BEREGNET = datetime.datetime(2026, 6, 30, 3, 45, tzinfo=datetime.UTC)


def udfaldsraekke(jobcenter, *, n, gruppe_id=7, navn="Fælles Firma ApS", andel=None, **felter):
    return Indsatsudfald.objects.create(
        dato=DATO,
        jobcenter=jobcenter,
        gruppeart=Gruppeart.VIRKSOMHED,
        gruppe_id=gruppe_id,
        gruppe_navn=navn,
        antal=n,
        n=n,
        andel=andel,
        nedre=None if andel is None else andel - 0.2,
        oevre=None if andel is None else andel + 0.2,
        beregnet=BEREGNET,
        **felter,
    )


# Small figures on »Hvad virker«.


@pytest.mark.django_db
def test_a_leader_cannot_read_how_many_forloeb_another_jobcentre_has_at_a_shared_company(
    client_for, leder, jobcenter_a, jobcenter_b
):
    """Aarhus has 10 forløb at the company, the country 11: the national »n = 11« beside »for
    få« would tell Aarhus that Aalborg has exactly one forløb there."""
    udfaldsraekke(jobcenter_a, n=10, andel=0.5)
    udfaldsraekke(None, n=11, andel=0.45, enheder={str(jobcenter_a.pk): 10, str(jobcenter_b.pk): 1})
    tekst = client_for(leder).get(reverse("virkning:udfald")).content.decode()
    assert "Fælles Firma ApS" in tekst and "50\u00a0%" in tekst
    assert "45\u00a0%" not in tekst and "for få" in tekst
    assert "n = 11" not in tekst and ">11<" not in tekst


@pytest.mark.django_db
def test_the_analytiker_sees_no_count_of_a_jobcentres_few_forloeb(
    client_for, analytiker, jobcenter_b
):
    """Aalborg's two forløb of a type are below the rule for anyone outside Aalborg."""
    Indsatsudfald.objects.create(
        dato=DATO,
        jobcenter=jobcenter_b,
        gruppeart=Gruppeart.FORLOEBSTYPE,
        gruppe_id=3,
        gruppe_navn="Sjælden forløbstype",
        antal=2,
        n=2,
        beregnet=BEREGNET,
    )
    Indsatsudfald.objects.create(
        dato=DATO,
        jobcenter=None,
        gruppeart=Gruppeart.FORLOEBSTYPE,
        gruppe_id=3,
        gruppe_navn="Sjælden forløbstype",
        antal=2,
        n=2,
        enheder={str(jobcenter_b.pk): 2},
        beregnet=BEREGNET,
    )
    klient = client_for(analytiker)
    for url in ("", "?jobcenter=851"):
        tekst = klient.get(reverse("virkning:udfald") + url).content.decode()
        assert "Sjælden forløbstype" in tekst and "for få" in tekst
        assert "n = 2" not in tekst and '<td class="text-right">2</td>' not in tekst


@pytest.mark.django_db
def test_a_leader_still_sees_the_count_of_the_own_jobcentres_few_forloeb(
    client_for, leder, jobcenter_a
):
    udfaldsraekke(jobcenter_a, n=6, gruppe_id=8, navn="Egen Lille ApS")
    udfaldsraekke(None, n=6, gruppe_id=8, navn="Egen Lille ApS", enheder={str(jobcenter_a.pk): 6})
    tekst = client_for(leder).get(reverse("virkning:udfald")).content.decode()
    assert "Egen Lille ApS" in tekst and "n = 6" in tekst


# Small figures on the survival page.


def overlevelse(jobcenter, gruppering, gruppe, n, haendelser, enheder, raekkefoelge=0):
    return Overlevelseskurve.objects.create(
        dato=DATO,
        jobcenter=jobcenter,
        start_art=StartArt.MAALGRUPPE,
        gruppering=gruppering,
        gruppe=gruppe,
        raekkefoelge=raekkefoelge,
        n=n,
        haendelser=haendelser,
        median=40,
        punkter=[[40, 0.5, 0.3, 0.7, n]],
        laengste=300,
        i_risiko={"0": n},
        enheder=enheder,
    )


@pytest.fixture
def tre_jobcentre(jobcenter_a, jobcenter_b):
    """Aarhus 24 citizens (13 self-supporting), Aalborg 20 (11), Lille Jobcenter 3 (2)."""
    lille = JobcenterFactory(kommunenummer=101, navn="Lille Jobcenter")
    Beregning.objects.create(navn="overlevelse", dato=DATO, afsluttet=timezone.now())
    a, b, c = str(jobcenter_a.pk), str(jobcenter_b.pk), str(lille.pk)
    overlevelse(None, Gruppering.ALLE, "Hele landet", 47, 26, {a: 24})
    overlevelse(jobcenter_a, Gruppering.ALLE, "Jobcenter Aarhus", 24, 13, {a: 24})
    overlevelse(jobcenter_b, Gruppering.ALLE, "Jobcenter Aalborg", 20, 11, {b: 20})
    overlevelse(lille, Gruppering.ALLE, "Lille Jobcenter", 3, 2, {c: 3})
    overlevelse(jobcenter_a, Gruppering.JOBCENTER, "Eget jobcenter", 24, 13, {a: 24})
    overlevelse(jobcenter_a, Gruppering.JOBCENTER, "Resten af landet", 23, 13, {b: 20, c: 3}, 1)
    return lille


def jobcentertabel(tekst: str) -> str:
    return tekst.split('data-testid="jobcentre"')[1].split("</table>")[0]


@pytest.mark.django_db
def test_a_hidden_jobcentre_cannot_be_read_as_the_rest_less_the_jobcentres_shown(
    tre_jobcentre, client_for, leder, analytiker
):
    """The rest of the country (23, 13 self-supporting) less Aalborg (20, 11) would give Lille
    Jobcenter's 3 citizens and that 2 of them became self-supporting; so a second jobcentre is
    hidden with it."""
    for bruger, valg in ((leder, "?start=maalgruppe&gruppering=jobcenter"), (analytiker, "")):
        tekst = client_for(bruger).get(reverse("virkning:overlevelse") + valg).content.decode()
        tabel = jobcentertabel(tekst)
        assert "Lille Jobcenter" in tabel
        assert tabel.count("For få til at vise") >= 2
        assert ">20<" not in tabel and ">11<" not in tabel


@pytest.mark.django_db
def test_jobcentres_are_all_shown_when_the_hidden_ones_are_enough_together(
    tre_jobcentre, client_for, analytiker, jobcenter_b
):
    Overlevelseskurve.objects.filter(gruppe="Lille Jobcenter").update(n=9)
    Overlevelseskurve.objects.filter(gruppe="Hele landet").update(n=56)
    overlevelse(
        JobcenterFactory(kommunenummer=103, navn="Tredje Lille"),
        Gruppering.ALLE,
        "Tredje Lille",
        3,
        1,
        {},
    )
    tabel = jobcentertabel(
        client_for(analytiker).get(reverse("virkning:overlevelse")).content.decode()
    )
    assert ">20<" in tabel and ">24<" in tabel
    assert tabel.count("For få til at vise") == 2


# Ids of jobcentre B on every URL and form field, by every role of A.

ROLLER_A = [Rolle.JOBKONSULENT, Rolle.VIRKSOMHEDSKONSULENT, Rolle.LEDER, Rolle.ADMINISTRATOR]


@pytest.fixture
def aalborgs(outsider, jobcenter_b):
    from borgere.tests.factories import BorgerFactory
    from virkning.models import Forsoeg, Maaling
    from virkning.services.forsoeg import opret_forsoeg

    from .factories import IndikatorFactory, InstrumentFactory, MaalingFactory

    borger = BorgerFactory(jobcenter=jobcenter_b, fornavn="Hemmelig", efternavn="Aalborgborger")
    instrument = InstrumentFactory(oprettet_af=outsider, kode="aalborgs-eget")
    indikator = IndikatorFactory(instrument=instrument)
    maaling = MaalingFactory(borger=borger, instrument=instrument, udfyldt_af=outsider)
    leder_b = BrugerFactory(rolle=Rolle.LEDER, jobcenter=jobcenter_b)
    forsoeg = opret_forsoeg(
        bruger=leder_b,
        forsoeg=Forsoeg(
            navn="Hemmeligt forsøg",
            indsats="mentor",
            fra=datetime.date(2026, 3, 1),
            til=datetime.date(2026, 5, 31),
            slut=datetime.date(2026, 12, 31),
            andel=0.5,
            uger=13,
        ),
    )
    return {
        "borger": borger,
        "instrument": instrument,
        "indikator": indikator,
        "maaling": maaling,
        "forsoeg": forsoeg,
        "antal_maalinger": Maaling.objects.count(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("rolle", ROLLER_A)
def test_every_role_of_a_gets_404_for_bs_measurement_instrument_and_trial(
    rolle, aalborgs, client_for, jobcenter_a
):
    from virkning.models import Maaling

    bruger = BrugerFactory(rolle=rolle, jobcenter=jobcenter_a)
    klient = client_for(bruger)
    m, i, f = aalborgs["maaling"], aalborgs["instrument"], aalborgs["forsoeg"]
    for url in (
        reverse("virkning:maaling", args=[m.pk]),
        reverse("virkning:slet_maaling", args=[m.pk]),
        reverse("virkning:instrument", args=[i.pk]),
        reverse("virkning:instrument_kopier", args=[i.pk]),
        reverse("virkning:instrument_rediger", args=[i.pk]),
        reverse("virkning:indikator_rediger", args=[aalborgs["indikator"].pk]),
        reverse("virkning:indikator_slet", args=[aalborgs["indikator"].pk]),
        reverse("virkning:forsoeg", args=[f.pk]),
        reverse("virkning:forsoeg_stop", args=[f.pk]),
        reverse("virkning:forsoeg_traek", args=[f.pk]),
    ):
        for metode in (klient.get, klient.post):
            svar = metode(url, {"grund": "x", "navn": "Overtaget"})
            assert svar.status_code in (404, 405), (url, svar.status_code)
            assert b"Hemmelig" not in svar.content
    assert Maaling.objects.count() == aalborgs["antal_maalinger"]
    f.refresh_from_db()
    i.refresh_from_db()
    assert f.stoppet is None and i.navn != "Overtaget"


@pytest.mark.django_db
def test_the_analytiker_reaches_no_citizen_measurement_or_due_list(
    aalborgs, client_for, analytiker
):
    klient = client_for(analytiker)
    for url in (
        reverse("virkning:forfaldne"),
        reverse("virkning:maaling", args=[aalborgs["maaling"].pk]),
        reverse("virkning:slet_maaling", args=[aalborgs["maaling"].pk]),
        reverse("virkning:maal", args=[aalborgs["borger"].pk, aalborgs["instrument"].pk]),
        reverse("virkning:forsoeg", args=[aalborgs["forsoeg"].pk]),
        reverse("virkning:forsoeg_liste"),
        reverse("virkning:instrumenter"),
    ):
        svar = klient.get(url)
        assert svar.status_code in (403, 404), url
        assert b"Hemmelig" not in svar.content


@pytest.mark.django_db
def test_the_due_list_with_a_consultant_of_b_shows_the_users_own_and_nothing_of_b(
    aalborgs, client_for, konsulent, outsider
):
    for hvem in (str(outsider.pk), "99999999999999999999", "-1", "alle", "x" * 5000):
        svar = client_for(konsulent).get(reverse("virkning:forfaldne"), {"hvem": hvem})
        assert svar.status_code == 200
        tekst = svar.content.decode()
        assert "Hemmelig" not in tekst and outsider.get_full_name() not in tekst


@pytest.mark.django_db
@pytest.mark.parametrize("side", ["99999999999999999999999", "-5", "x", "0", "1e9"])
def test_a_wild_page_number_on_the_due_list_is_no_error(side, client_for, konsulent):
    svar = client_for(konsulent).get(reverse("virkning:forfaldne"), {"side": side, "hvem": "alle"})
    assert svar.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "valg",
    [
        {"start": "x" * 3000, "gruppering": "jobcenter"},
        {"start": "forloeb", "gruppering": "hemmelig"},
        {"start": "maalgruppe", "gruppering": "forloebstype"},
        {"jobcenter": "851"},
    ],
)
def test_wild_choices_on_the_survival_page_give_a_danish_error_and_no_other_jobcentre(
    valg, tre_jobcentre, client_for, leder
):
    svar = client_for(leder).get(reverse("virkning:overlevelse"), valg)
    assert svar.status_code == 200
    tekst = svar.content.decode()
    assert "Eget jobcenter" not in tekst or "Resten af landet" in tekst
    if "gruppering" in valg:
        assert "form-error" in tekst or "Forløbstype kan kun vælges" in tekst


@pytest.mark.django_db
def test_the_trial_form_refuses_bs_category_and_indicator_and_ignores_a_forged_seed(
    aalborgs, client_for, leder, jobcenter_b
):
    from virkning.models import Forsoeg, Screeningskategori

    kategori_b = Screeningskategori.objects.create(
        instrument=aalborgs["instrument"], navn="Hemmelig kategori", raekkefoelge=1
    )
    data = {
        "navn": "Mit forsøg",
        "indsats": "mentor",
        "fra": "2026-03-01",
        "til": "2026-05-31",
        "slut": "2026-12-31",
        "andel": "50",
        "udfald": "progression",
        "uger": "13",
        "indikator": str(aalborgs["indikator"].pk),
        "kategori": str(kategori_b.pk),
        "seed": "42",
    }
    klient = client_for(leder)
    foer = Forsoeg.objects.count()
    svar = klient.post(reverse("virkning:forsoeg_opret"), data)
    assert svar.status_code == 200
    tekst = svar.content.decode()
    assert "Hemmelig" not in tekst and "form-error" in tekst
    assert Forsoeg.objects.count() == foer
    for felt, vaerdi in (
        ("andel", "1e400"),
        ("andel", "9" * 400),
        ("uger", "9" * 30),
        ("fra", "0001-01-01"),
        ("slut", "9999-12-31"),
        ("navn", "n" * 100_000),
    ):
        svar = klient.post(
            reverse("virkning:forsoeg_opret"),
            {**data, "indikator": "", "kategori": "", "udfald": "selvforsoergelse", felt: vaerdi},
        )
        assert svar.status_code == 200, felt
        assert "form-error" in svar.content.decode(), felt
    assert Forsoeg.objects.count() == foer
    svar = klient.post(
        reverse("virkning:forsoeg_opret"),
        {**data, "indikator": "", "kategori": "", "udfald": "selvforsoergelse"},
    )
    assert svar.status_code == 302
    assert Forsoeg.objects.filter(jobcenter=leder.jobcenter).get().seed != 42


@pytest.mark.django_db
@pytest.mark.parametrize("rolle", [Rolle.JOBKONSULENT, Rolle.VIRKSOMHEDSKONSULENT])
def test_a_consultant_cannot_do_a_leaders_or_administrators_action(
    rolle, client_for, jobcenter_a, leder
):
    from virkning.models import Forsoeg, Instrument

    from .factories import InstrumentFactory, MaalingFactory

    bruger = BrugerFactory(rolle=rolle, jobcenter=jobcenter_a)
    eget = InstrumentFactory(oprettet_af=leder)
    kollegas = MaalingFactory(borger__jobcenter=jobcenter_a, instrument=eget, udfyldt_af=leder)
    klient = client_for(bruger)
    skabelon = Instrument.objects.filter(jobcenter=None).first()
    for url, data in (
        (reverse("virkning:forsoeg_opret"), {"navn": "x"}),
        (reverse("virkning:forsoeg_liste"), {}),
        (reverse("virkning:udfald"), {}),
        (reverse("virkning:instrument_kopier", args=[skabelon.pk]), {}),
        (reverse("virkning:instrument_rediger", args=[eget.pk]), {"navn": "Overtaget"}),
        (reverse("virkning:indikator_opret", args=[eget.pk]), {"kode": "ny"}),
        (reverse("virkning:slet_maaling", args=[kollegas.pk]), {}),
    ):
        assert klient.post(url, data).status_code == 403, url
    assert not Forsoeg.objects.exists()
    assert Instrument.objects.filter(jobcenter=jobcenter_a).count() == 1
    kollegas.refresh_from_db()


# The import of measurements.


@pytest.mark.django_db
def test_bs_own_instrument_code_is_as_unknown_to_a_as_a_code_nobody_has(
    aalborgs, administrator, tmp_path, capsys
):
    from django.core.management import call_command

    from borgere.tests.factories import BorgerFactory

    BorgerFactory(jobcenter=administrator.jobcenter, cpr="0101901234")
    beskeder = []
    for kode in ("aalborgs-eget", "ingens-kode"):
        sti = tmp_path / f"{kode}.csv"
        sti.write_text(f"cpr;instrument;dato;b-jobsoegning\n0101901234;{kode};01-09-2026;3\n")
        with pytest.raises(Exception) as fejl:
            call_command("importer", "maalinger", str(sti), "--bruger", "administrator")
        ud = capsys.readouterr()
        beskeder.append((str(fejl.value) + ud.out + ud.err).replace(kode, "KODE"))
    assert beskeder[0] == beskeder[1]
    assert "ukendt instrument »KODE«" in beskeder[0]


@pytest.mark.django_db
def test_no_cpr_number_of_b_is_stored_or_shown_from_a_file_name_or_a_misplaced_cell(
    aalborgs, client_for, administrator, django_capture_on_commit_callbacks
):
    import io

    from borgere.models import Importkoersel
    from borgere.tests.factories import BorgerFactory

    BorgerFactory(jobcenter=administrator.jobcenter, cpr="0101901234")
    cpr_b = aalborgs["borger"].cpr
    upload = io.BytesIO(
        f"cpr;instrument;dato;b-jobsoegning\n"
        f"0101901234;{cpr_b};01-09-2026;3\n"
        f"0101901234;progression;{cpr_b};3\n"
        f"0101901234;progression;01-09-2026;{cpr_b}\n"
        f"{cpr_b};progression;01-09-2026;3\n".encode()
    )
    upload.name = f"{cpr_b}.csv"
    klient = client_for(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        svar = klient.post(reverse("borgere:import_start"), {"type": "maalinger", "fil": upload})
    koersel = Importkoersel.objects.get()
    assert koersel.status == "afvist"
    gemt = str([getattr(koersel, f.attname) for f in Importkoersel._meta.concrete_fields])
    side = klient.get(svar.url, follow=True).content.decode()
    for tekst in (gemt, side):
        assert cpr_b not in tekst and f"{cpr_b[:6]}-{cpr_b[6:]}" not in tekst
    assert [linje for linje, _ in koersel.fejl] == [2, 3, 4, 5]


@pytest.mark.django_db
def test_a_measurement_with_wild_dates_values_or_bs_forloeb_is_refused_in_danish(
    aalborgs, client_for, konsulent, outsider
):
    from borgere.tests.factories import BorgerFactory
    from virkning.models import Maaling

    from .factories import IndikatorFactory, InstrumentFactory

    instrument = InstrumentFactory(oprettet_af=konsulent, kode="eget")
    indikator = IndikatorFactory(instrument=instrument)
    borger = BorgerFactory(jobcenter=konsulent.jobcenter)
    url = reverse("virkning:maal", args=[borger.pk, instrument.pk])
    godt = {"dato": timezone.localdate().isoformat(), "tilhoerer": "", f"i{indikator.pk}": "3"}
    klient = client_for(konsulent)
    for felt, vaerdi in (
        ("dato", "9999-12-31"),
        ("dato", "0001-01-01"),
        ("dato", "2026-02-30"),
        (f"i{indikator.pk}", "9" * 40),
        (f"i{indikator.pk}", "-1"),
        (f"i{aalborgs['indikator'].pk}", "3"),
        ("tilhoerer", "kursus-1"),
        ("tilhoerer", "x" * 10_000),
    ):
        data = {**godt, felt: vaerdi}
        if felt.startswith("i") and felt != f"i{indikator.pk}":
            data.pop(f"i{indikator.pk}")
        svar = klient.post(url, data)
        assert svar.status_code == 200, (felt, vaerdi)
        tekst = svar.content.decode()
        assert "form-error" in tekst or "alert-error" in tekst, (felt, vaerdi)
        assert "Hemmelig" not in tekst
    assert not Maaling.objects.filter(borger=borger).exists()


@pytest.mark.django_db
def test_an_import_over_the_row_limit_is_refused_before_anything_is_read(
    administrator, tmp_path, settings
):
    from django.core.management import CommandError, call_command

    from virkning.models import Maaling

    settings.IMPORT_MAKS_RAEKKER = 3
    sti = tmp_path / "store.csv"
    sti.write_text(
        "cpr;instrument;dato;b-jobsoegning\n" + "0101901234;progression;01-09-2026;3\n" * 50
    )
    with pytest.raises(CommandError):
        call_command("importer", "maalinger", str(sti), "--bruger", "administrator")
    assert not Maaling.objects.exists()


@pytest.mark.django_db
def test_bs_own_screening_categories_and_indicators_are_not_named_in_as_national_table(
    aalborgs, client_for, leder, analytiker, jobcenter_b
):
    """The country's rows are computed over every jobcentre's measurements, B's own instruments
    too; A must not read the names of B's categories and indicators from them (B's instrument
    is not found for A)."""
    from virkning.models import Screeningskategori

    kategori_b = Screeningskategori.objects.create(
        instrument=aalborgs["instrument"], navn="Hemmelig kategori", raekkefoelge=1
    )
    b = {str(jobcenter_b.pk): 12}
    Indsatsudfald.objects.create(
        dato=DATO,
        jobcenter=None,
        gruppeart=Gruppeart.KATEGORI,
        gruppe_id=kategori_b.pk,
        gruppe_navn=kategori_b.navn,
        antal=12,
        n=12,
        andel=0.5,
        nedre=0.3,
        oevre=0.7,
        enheder=b,
        beregnet=BEREGNET,
    )
    noegle = f"{aalborgs['instrument'].kode}/{aalborgs['indikator'].kode}"
    Indsatsudfald.objects.create(
        dato=DATO,
        jobcenter=None,
        gruppeart=Gruppeart.FORLOEBSTYPE,
        gruppe_id=1,
        gruppe_navn="Virksomhedspraktik",
        antal=12,
        n=12,
        andel=0.5,
        nedre=0.3,
        oevre=0.7,
        enheder=b,
        progression=[
            {
                "indikator": noegle,
                "navn": "Hemmelig indikator",
                "hoejere_er_bedre": True,
                "n": 12,
                "middel": 0.5,
                "nedre": 0.1,
                "oevre": 0.9,
                "enheder": b,
            }
        ],
        beregnet=BEREGNET,
    )
    tekst = client_for(leder).get(reverse("virkning:udfald")).content.decode()
    assert "Virksomhedspraktik" in tekst
    assert "Hemmelig" not in tekst
    # The analytiker sees every jobcentre's figures (never a citizen): the names stay.
    tekst = client_for(analytiker).get(reverse("virkning:udfald")).content.decode()
    assert "Hemmelig kategori" in tekst and "Hemmelig indikator" in tekst


# Oversized input on the leader's and administrator's own forms.


@pytest.mark.django_db
def test_the_trial_page_names_no_citizen_and_an_oversized_stop_reason_changes_nothing(
    client_for, leder
):
    from borgere.models import Adgangslog
    from borgere.tests.factories import BorgerFactory
    from virkning.models import Forsoeg, Lodtraekning
    from virkning.services.forsoeg import opret_forsoeg

    forsoeg = opret_forsoeg(
        bruger=leder,
        forsoeg=Forsoeg(
            navn="Eget forsøg",
            indsats="mentor",
            fra=datetime.date(2026, 3, 1),
            til=datetime.date(2026, 5, 31),
            slut=datetime.date(2026, 12, 31),
            andel=0.5,
            uger=13,
        ),
    )
    borger = BorgerFactory(jobcenter=leder.jobcenter, fornavn="Trukket", efternavn="Deltagersen")
    Lodtraekning.objects.create(
        forsoeg=forsoeg, borger=borger, gruppe="indsats", tal=0.1, indgang=datetime.date(2026, 3, 2)
    )
    klient = client_for(leder)
    logget = Adgangslog.objects.count()
    tekst = klient.get(reverse("virkning:forsoeg", args=[forsoeg.pk])).content.decode()
    assert "Deltagersen" not in tekst and borger.cpr[:6] not in tekst
    assert Adgangslog.objects.count() == logget
    svar = klient.post(
        reverse("virkning:forsoeg_stop", args=[forsoeg.pk]), {"grund": "g" * 100_000}, follow=True
    )
    assert "højst" in svar.content.decode() or "max" in svar.content.decode().lower()
    forsoeg.refresh_from_db()
    assert forsoeg.stoppet is None


@pytest.mark.django_db
def test_an_indicator_with_a_huge_order_or_scale_is_refused_in_danish(client_for, administrator):
    from virkning.models import Indikator

    from .factories import InstrumentFactory

    instrument = InstrumentFactory(oprettet_af=administrator, kode="eget")
    godt = {
        "kode": "ny",
        "stilles_til": "borger",
        "navn": "Ny",
        "formulering": "Hvordan går det?",
        "skala_min": "1",
        "skala_max": "5",
        "label_min": "Dårligt",
        "label_max": "Godt",
        "hoejere_er_bedre": "on",
        "raekkefoelge": "1",
    }
    klient = client_for(administrator)
    url = reverse("virkning:indikator_opret", args=[instrument.pk])
    for felt, vaerdi in (
        ("raekkefoelge", "9" * 30),
        ("raekkefoelge", "-1"),
        ("skala_max", "9" * 30),
        ("skala_min", "-100000"),
        ("formulering", "f" * 100_000),
        ("navn", "n" * 100_000),
        ("kode", "k" * 100_000),
    ):
        svar = klient.post(url, {**godt, felt: vaerdi})
        assert svar.status_code == 200, felt
        assert "form-error" in svar.content.decode(), felt
    assert not Indikator.objects.filter(instrument=instrument).exists()


@pytest.mark.django_db
def test_a_consultant_id_of_b_on_the_due_list_answers_as_an_id_nobody_has(
    client_for, konsulent, outsider
):
    import re

    klient = client_for(konsulent)

    def side(hvem: str) -> str:
        tekst = klient.get(reverse("virkning:forfaldne"), {"hvem": hvem}).content.decode()
        tekst = tekst.replace(hvem, "ID")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", tekst)

    ubrugt = str(outsider.pk + 10_000)
    assert side(str(outsider.pk)) == side(ubrugt)


@pytest.mark.django_db
def test_the_leaders_own_jobcentre_is_not_the_one_hidden_to_protect_a_small_one(
    tre_jobcentre, client_for, leder, jobcenter_a
):
    """Hiding Aarhus's own row from Aarhus protects nothing: it knows its own citizens."""
    Overlevelseskurve.objects.filter(jobcenter=jobcenter_a).exclude(
        gruppe="Resten af landet"
    ).update(n=15, enheder={str(jobcenter_a.pk): 15})
    Overlevelseskurve.objects.filter(gruppe="Hele landet").update(n=38)
    tekst = client_for(leder).get(
        reverse("virkning:overlevelse") + "?start=maalgruppe&gruppering=jobcenter"
    )
    tabel = jobcentertabel(tekst.content.decode())
    assert ">20<" not in tabel and ">11<" not in tabel
    assert ">15<" in tabel
