"""Issue 15, item 2: one declaration per import type, which the command and the import page both
read – the types offered, their columns, who may import them and the run."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.urls import reverse

from borgere.models import Borger, Importkoersel
from jobcenter.imports import Importtype, Plan, felter, importtyper, med_eksempel
from jobcenter.management.commands.importer import Command
from jobcenter.models import Jobcenter, Rolle
from jobcenter.tests.factories import BrugerFactory

pytestmark = pytest.mark.django_db

BORGERDATA = ["borgere", "ydelser", "maalgrupper", "forloeb"]


def upload(navn: str, indhold: bytes) -> io.BytesIO:
    fil = io.BytesIO(indhold)
    fil.name = navn
    return fil


def tilbudte(client) -> list[str]:
    """The type codes the import page offers, in its order."""
    response = client.get(reverse("borgere:import_start"))
    assert response.status_code == 200
    return [kode for kode, _ in response.context["form"].fields["type"].widget.choices]


@pytest.fixture
def drift(db):
    """An operator: a superuser outside any jobcentre."""
    return BrugerFactory(username="drift", is_superuser=True, jobcenter=None, rolle="")


def test_the_page_offers_exactly_the_types_each_user_may_import(
    client_for, administrator, drift, jobcenter_a
):
    assert tilbudte(client_for(administrator)) == [*BORGERDATA, "maaltal", "svar", "maalinger"]
    assert tilbudte(client_for(drift)) == ["jobcentre", "maaltal", "svar"]
    # An operator who is also an administrator in a jobcentre may import every type.
    begge = BrugerFactory(is_superuser=True, jobcenter=jobcenter_a, rolle=Rolle.ADMINISTRATOR)
    assert tilbudte(client_for(begge)) == list(importtyper())
    assert list(importtyper()) == ["jobcentre", *BORGERDATA, "maaltal", "svar", "maalinger"]


def test_the_columns_shown_are_the_users_types_from_their_declarations(client_for, administrator):
    html = client_for(administrator).get(reverse("borgere:import_start")).content.decode()
    assert "<code>cpr;navn;kommunenummer</code>" in html
    assert "<code>kommunenummer;&lt;spørgsmålets kode&gt;…</code>" in html
    assert "Et ukendt CVR-nummer opretter virksomheden" in html  # the forløb type's note
    assert "<code>kommunenummer;navn;region</code>" not in html  # jobcentre: operators only


@pytest.mark.parametrize("rolle", [Rolle.JOBKONSULENT, Rolle.LEDER, Rolle.ANALYTIKER])
def test_users_who_may_import_nothing_have_no_page_and_no_menu_item(client_for, jobcenter_a, rolle):
    bruger = BrugerFactory(
        rolle=rolle, jobcenter=None if rolle == Rolle.ANALYTIKER else jobcenter_a
    )
    client = client_for(bruger)
    assert client.get(reverse("borgere:import_start")).status_code == 403
    menu = [p["tekst"] for p in client.get(reverse("forside")).context["navigation"]]
    assert "Import" not in menu


def test_the_menu_shows_import_to_the_operators_too(client_for, drift, administrator):
    for bruger in (drift, administrator):
        menu = [
            p["tekst"] for p in client_for(bruger).get(reverse("forside")).context["navigation"]
        ]
        assert "Import" in menu


def test_a_type_the_user_may_not_import_is_refused_on_post_and_changes_nothing(
    client_for, administrator, settings, django_capture_on_commit_callbacks
):
    client = client_for(administrator)
    fil = b"kommunenummer;navn;region\n101;Jobcenter K\xc3\xb8benhavn;hovedstaden\n"
    with django_capture_on_commit_callbacks(execute=True) as opgaver:
        response = client.post(
            reverse("borgere:import_start"), {"type": "jobcentre", "fil": upload("j.csv", fil)}
        )
        ukendt = client.post(
            reverse("borgere:import_start"), {"type": "hemmeligt", "fil": upload("j.csv", fil)}
        )
    assert response.status_code == 200
    assert response.context["form"].errors["type"] == [
        "Kun driften (superbrugere) kan importere jobcentre; du kan vælge blandt typerne på listen."
    ]
    assert "Kun driften (superbrugere) kan importere jobcentre" in response.content.decode()
    assert ukendt.context["form"].errors["type"] == [
        "Der er ingen importtype, der hedder »hemmeligt«."
    ]
    assert opgaver == []
    assert not Importkoersel.objects.exists()
    assert not Jobcenter.objects.filter(kommunenummer=101).exists()
    assert list(settings.IMPORT_MAPPE.iterdir()) == []


def test_the_worker_checks_who_may_import_again(administrator, django_capture_on_commit_callbacks):
    """A run whose user has lost the right since the upload is refused by the type itself."""
    from borgere import tasks
    from borgere.tests.factories import importkoersel

    koersel = importkoersel(
        bruger=administrator, indhold=b"cpr;navn;kommunenummer\n0101901234;Karen Blixen;751\n"
    )
    administrator.rolle = Rolle.JOBKONSULENT
    administrator.save()
    assert tasks.kontroller_import(koersel.pk) == "afvist"
    koersel.refresh_from_db()
    assert koersel.fejl == [[0, "Kun administratorer i et jobcenter kan importere borgere."]]
    assert not Borger.objects.exists()


def test_the_command_and_the_page_offer_the_same_types(client_for, jobcenter_a, tmp_path):
    alt = BrugerFactory(is_superuser=True, jobcenter=jobcenter_a, rolle=Rolle.ADMINISTRATOR)
    side = tilbudte(client_for(alt))
    parser = Command().create_parser("manage.py", "importer")
    hjaelp = next(a.help for a in parser._actions if a.dest == "type")
    assert hjaelp == "Hvad filen indeholder: " + ", ".join(side)
    fil = tmp_path / "x.csv"
    fil.write_bytes(b"x\n")
    with pytest.raises(CommandError) as fejl:
        call_command("importer", "hemmeligt", str(fil))
    assert str(fejl.value) == f"Ukendt type »hemmeligt«. Vælg blandt: {', '.join(side)}."


HILSNER: list[str] = []


def plan_hilsner(bruger, rows, fremskridt) -> Plan:
    plan = Plan()
    for nummer, row in rows:
        (navn,) = felter(row, 1)
        if not navn:
            plan.fejl.append((nummer, "navn mangler"))
            continue
        plan.nye.append(navn)
        med_eksempel(plan, {"navn": navn})
    plan.skriv = lambda fremskridt: HILSNER.extend(plan.nye)
    return plan


def test_a_new_import_type_is_one_declaration_seen_by_the_page_and_the_command(
    monkeypatch,
    client_for,
    administrator,
    konsulent,
    tmp_path,
    capsys,
    django_capture_on_commit_callbacks,
):
    from borgere import imports

    hilsner = Importtype(
        kode="hilsner",
        label="Hilsner",
        kolonner=("navn",),
        planlaeg=plan_hilsner,
        maa=lambda bruger: bruger.is_authenticated and bruger.er_leder,
        hvem="ledere",
        forklaring="En hilsen pr. række.",
    )
    monkeypatch.setattr(imports, "IMPORTTYPER", [*imports.IMPORTTYPER, hilsner])
    monkeypatch.setattr(f"{__name__}.HILSNER", [])

    client = client_for(administrator)
    # Declared by borgere, so after borgere's own types and before kursuskob's.
    assert tilbudte(client) == [*BORGERDATA, "maaltal", "hilsner", "svar", "maalinger"]
    html = client.get(reverse("borgere:import_start")).content.decode()
    assert "Hilsner (navn)" in html and "En hilsen pr. række." in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("borgere:import_start"),
            {"type": "hilsner", "fil": upload("h.csv", b"navn\nKaren\n")},
        )
    koersel = Importkoersel.objects.get()
    assert (koersel.type, koersel.status, koersel.nye) == ("hilsner", "kontrolleret", 1)
    assert "Import af hilsner" in client.get(response.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("borgere:import_godkend", args=[koersel.pk]))
    assert HILSNER == ["Karen"]

    fil = tmp_path / "h.csv"
    fil.write_bytes(b"navn\nHans\nGrethe\n")
    call_command("importer", "hilsner", str(fil), "--bruger", "administrator")
    assert "2 rækker gav 2 nye" in capsys.readouterr().out
    assert HILSNER == ["Karen", "Hans", "Grethe"]
    # Its predicate is the one check, in the command as on the page.
    with pytest.raises(CommandError, match="afvist med 1 fejl"):
        call_command("importer", "hilsner", str(fil), "--bruger", "konsulent")
    assert "linje 0: Kun ledere kan importere hilsner." in capsys.readouterr().err
    assert client_for(konsulent).get(reverse("borgere:import_start")).status_code == 403
    assert HILSNER == ["Karen", "Hans", "Grethe"]


def test_a_type_declared_twice_is_a_configuration_error(monkeypatch):
    from kursuskob import imports

    monkeypatch.setattr(imports, "IMPORTTYPER", [*imports.IMPORTTYPER, imports.SVAR])
    with pytest.raises(ImproperlyConfigured, match="»svar« er erklæret to gange"):
        importtyper()


def test_an_operators_run_is_the_operators_also_when_they_work_in_a_jobcentre(
    client_for, administrator, jobcenter_a, jobcenter_b, django_capture_on_commit_callbacks
):
    """An operator who is also in jobcentre A checked another jobcentre's target with the
    operators' rights. A's administrator saw the run and, by approving it, wrote Aalborg's
    target – an operator's import done by a jobcentre user. Only operators in A see it now."""
    from borgere.models import Maal, Maaltal

    begge = BrugerFactory(is_superuser=True, jobcenter=jobcenter_a, rolle=Rolle.ADMINISTRATOR)
    maal = Maal.objects.select_related("kampagne").first()
    fil = f"kampagne;maal;kommunenummer;maaltal\n{maal.kampagne.kode};{maal.kode};851;10\n"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(begge).post(
            reverse("borgere:import_start"),
            {"type": "maaltal", "fil": upload("m.csv", fil.encode())},
        )
    koersel = Importkoersel.objects.get()
    assert (koersel.jobcenter, koersel.status) == (jobcenter_a, "kontrolleret")

    client = client_for(administrator)
    assert client.get(koersel.get_absolute_url()).status_code == 404
    assert koersel not in client.get(reverse("borgere:import_start")).context["koersler"]
    with django_capture_on_commit_callbacks(execute=True):
        godkend = client.post(reverse("borgere:import_godkend", args=[koersel.pk]))
    assert godkend.status_code == 404
    koersel.refresh_from_db()
    assert koersel.status == "kontrolleret"
    assert not Maaltal.objects.filter(jobcenter=jobcenter_b).exists()
    # The operator sees it and imports it; a run whose user is gone is still the jobcentre's.
    assert client_for(begge).get(koersel.get_absolute_url()).status_code == 200
    uden_bruger = Importkoersel.objects.create(jobcenter=jobcenter_a, bruger=None, type="borgere")
    assert list(Importkoersel.objects.synlige_for(administrator)) == [uden_bruger]


@pytest.mark.parametrize(
    ("indhold", "fejl"),
    [
        (
            b"cpr;navn;kommunenummer\n",
            [[2, "Filen har kun kolonnenavnene og ingen rækker; der er intet at importere."]],
        ),
        (
            b"cpr;navn;kommunenummer\n;;\n\n",
            [[2, "Filen har kun kolonnenavnene og ingen rækker; der er intet at importere."]],
        ),
        (
            b"\n\n",
            [[1, "Første række er tom; den skal være kolonnenavnene: cpr;navn;kommunenummer."]],
        ),
    ],
)
def test_a_file_without_rows_is_refused_with_a_reason_not_offered_for_import(
    client_for, administrator, django_capture_on_commit_callbacks, indhold, fejl
):
    """A file of only column names was »kontrolleret« with a button »Importér 0 rækker«, and an
    empty first row said »Kolonnerne skal være …, ikke .«."""
    client = client_for(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("borgere:import_start"), {"type": "borgere", "fil": upload("b.csv", indhold)}
        )
    koersel = Importkoersel.objects.get()
    assert (koersel.status, koersel.fejl) == ("afvist", fejl)
    html = client.get(response.url).content.decode()
    assert "Importér 0 rækker" not in html and fejl[0][1] in html


def test_a_run_of_a_user_who_moved_to_another_jobcentre_is_refused(
    client_for, administrator, jobcenter_a, jobcenter_b, django_capture_on_commit_callbacks
):
    """An administrator in Aarhus checked a file of benefits, then moved to Aalborg before a
    colleague approved it. The import ran as the user as they are now: with Aalborg's citizens,
    so Aarhus' file was written into Aalborg's records of the same CPR numbers (and a row
    without an error told Aarhus' staff which numbers Aalborg has)."""
    from borgere.models import Ydelsesperiode
    from borgere.tests.factories import BorgerFactory

    i_aarhus = BorgerFactory(jobcenter=jobcenter_a, cpr="0303801234")
    i_aalborg = BorgerFactory(jobcenter=jobcenter_b, cpr="0303801234")
    kollega = BrugerFactory(rolle=Rolle.ADMINISTRATOR, jobcenter=jobcenter_a)
    fil = b"cpr;ydelse;fra;til\n0303801234;dagpenge;01-01-2026;\n"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(administrator).post(
            reverse("borgere:import_start"), {"type": "ydelser", "fil": upload("y.csv", fil)}
        )
    koersel = Importkoersel.objects.get()
    assert (koersel.jobcenter, koersel.status) == (jobcenter_a, "kontrolleret")
    administrator.jobcenter = jobcenter_b
    administrator.save()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(kollega).post(reverse("borgere:import_godkend", args=[koersel.pk]))
    koersel.refresh_from_db()
    assert (koersel.status, koersel.fejl) == (
        "afvist",
        [
            [
                0,
                "Den, der indlæste filen, er ikke længere i jobcentret. Intet er gemt; indlæs "
                "filen igen.",
            ]
        ],
    )
    assert not Ydelsesperiode.objects.filter(borger__in=[i_aarhus, i_aalborg]).exists()
